from test_pipeline import *  # noqa

def test_dbg(pipeline):
    paths = sorted(EXAMPLES.iterdir())
    together = [r.to_dict() for r in pipeline.process_many(paths)]
    alone = [pipeline.process(path).to_dict() for path in paths]
    for a, b in zip(together, alone):
        for k in a:
            if a[k] != b.get(k) and k != "timings":
                print("DIFF", a["source"], k, "\n  T", str(a[k])[:400], "\n  A", str(b[k])[:400])
