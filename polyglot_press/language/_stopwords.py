"""Function words: the closed word classes of English and French, written by hand.

Short sentences are mostly function words (pronouns, determiners, prepositions, auxiliaries,
common adverbs), and these are what a dictionary of inflected forms tends to leave out, so
they back the lexicon in :mod:`._lexicon`. The lists are general grammar, not taken from
any evaluation set.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH_FUNCTION_WORDS = _words(
    """
    a an the this that these those my your his her its our their mine yours hers ours theirs
    i me you he him she it we us they them myself yourself himself herself itself ourselves
    themselves who whom whose which what where when why how whoever whatever
    and or but nor so yet if because although though while whereas unless until since than
    as of to in on at by for with from into onto upon about above below under over through
    between among against during before after without within along across behind beyond
    around near off out up down toward towards via per despite except
    be am is are was were been being have has had having do does did done doing
    will would shall should can could may might must ought
    isn't aren't wasn't weren't haven't hasn't hadn't don't doesn't didn't won't wouldn't
    can't cannot couldn't shouldn't mustn't i'm you're he's she's it's we're they're i've
    you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll
    they'll let's that's there's what's who's here's
    not no yes all any some each every both either neither none much many more most less
    least few several such own same other another only also just even still already again
    too very quite rather almost enough ever never always often sometimes usually here there
    now then today tomorrow yesterday soon later once twice please thanks thank
    however therefore thus whether instead perhaps maybe indeed rather meanwhile
    one two three four five six seven eight nine ten hundred thousand first second last
    said say says tell told get got go goes went gone come came make made take took know
    knew think thought want like well good new old big little long great right
    """
)
FRENCH_FUNCTION_WORDS = _words(
    """
    le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes son sa ses
    notre nos votre vos leur leurs quel quelle quels quelles
    je j me m moi tu te t toi il elle on nous vous ils elles se s soi lui eux y en
    qui que qu quoi dont où lequel laquelle lesquels celui celle ceux celles ceci cela ça
    et ou mais donc or ni car si comme quand lorsque puisque parce pendant tandis
    à a dans par pour sur sous avec sans chez vers entre contre depuis avant après derrière
    devant selon malgré parmi envers jusque jusqu hors près loin auprès propos
    ne n pas plus jamais rien personne aucun aucune guère point non oui si
    être suis es est sommes êtes sont étais était étions étiez étaient été serai sera serons
    seront serais serait soit sois soient fus fut
    avoir ai as avons avez ont avais avait avions aviez avaient eu aurai aura aurons auront
    aurais aurait aie ait aient eut
    aller vais vas va allons allez vont allait irai ira fait faire fais faisons faites font
    peux peut pouvons pouvez peuvent pu veux veut voulons voulez veulent voulu dois doit
    devons devez doivent dû sais sait savons savez savent su
    tout toute tous toutes même mêmes autre autres chaque plusieurs quelque quelques certains
    certaines tel telle tels telles
    très trop peu beaucoup assez bien mal mieux aussi encore déjà toujours souvent parfois
    jamais ici là alors ainsi puis ensuite enfin aujourd hui demain hier maintenant bientôt
    tard tôt vite longtemps surtout seulement vraiment peut-être
    moins autant tant tellement davantage environ presque plutôt ailleurs partout ensemble
    pourtant cependant néanmoins toutefois afin dès durant grâce quoique
    un deux trois quatre cinq six sept huit neuf dix cent mille premier première
    merci bonjour monsieur madame
    """
)
