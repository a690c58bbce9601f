"""A small parallel corpus written for this project (automotive press releases).

It trains the fixtures' subword models and fits their output layers, so it covers what tests
feed the packages: accents, Hangul, digits, units, percentages, punctuation. It is deliberately
small: characters it never shows (``⟦``, ``€``, most symbols) are ``<unk>`` to the fixtures,
exactly as they are to real Argos packages, which have no byte fallback.
"""

from __future__ import annotations

LANGUAGE_NAMES = {
    "fr": "French",
    "en": "English",
    "ko": "Korean",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "ja": "Japanese",
    "zh": "Chinese",
}

#: One row per sentence: French, English, Korean, German.
PARALLEL_CORPUS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Le constructeur a présenté mardi sa nouvelle berline électrique à Paris.",
        "The carmaker unveiled its new electric saloon in Paris on Tuesday.",
        "제조사는 화요일 파리에서 새로운 전기 세단을 공개했다.",
        "Der Hersteller stellte am Dienstag in Paris seine neue Elektrolimousine vor.",
    ),
    (
        "La production commencera au printemps dans l'usine de Busan, en Corée du Sud.",
        "Production will start in the spring at the Busan plant in South Korea.",
        "생산은 봄에 한국 부산 공장에서 시작될 예정이다.",
        "Die Produktion beginnt im Frühjahr im Werk Busan in Südkorea.",
    ),
    (
        "Le véhicule offre une autonomie de 520 km selon le cycle WLTP.",
        "The vehicle offers a range of 520 km according to the WLTP cycle.",
        "이 차량은 WLTP 기준으로 520km의 주행 거리를 제공한다.",
        "Das Fahrzeug bietet eine Reichweite von 520 km nach dem WLTP-Zyklus.",
    ),
    (
        "Les ventes ont progressé de 12,5 % au premier semestre.",
        "Sales grew by 12.5% in the first half of the year.",
        "상반기 판매량은 12.5% 증가했다.",
        "Der Absatz stieg im ersten Halbjahr um 12,5 %.",
    ),
    (
        "Plus de 300 000 exemplaires ont été livrés depuis le lancement.",
        "More than 300,000 units have been delivered since the launch.",
        "출시 이후 30만 대 이상이 인도되었다.",
        "Seit der Markteinführung wurden mehr als 300.000 Fahrzeuge ausgeliefert.",
    ),
    (
        "Le directeur général a salué l'engagement des équipes locales.",
        "The chief executive praised the commitment of the local teams.",
        "최고경영자는 현지 직원들의 노력을 높이 평가했다.",
        "Der Vorstandsvorsitzende lobte den Einsatz der Teams vor Ort.",
    ),
    (
        "Cette coentreprise réunit deux groupes automobiles européens et asiatiques.",
        "This joint venture brings together European and Asian car groups.",
        "이 합작 회사는 유럽과 아시아의 자동차 그룹을 하나로 묶는다.",
        "Dieses Gemeinschaftsunternehmen vereint europäische und asiatische Autokonzerne.",
    ),
    (
        "La batterie de 94 kWh se recharge en trente minutes sur une borne rapide.",
        "The 94 kWh battery charges in thirty minutes at a fast charger.",
        "94kWh 배터리는 급속 충전기에서 30분 만에 충전된다.",
        "Die 94-kWh-Batterie lädt an einer Schnellladesäule in dreißig Minuten.",
    ),
    (
        "Les premières livraisons sont prévues pour la fin de l'année prochaine.",
        "First deliveries are expected at the end of next year.",
        "첫 인도는 내년 말로 예정되어 있다.",
        "Die ersten Auslieferungen sind für Ende nächsten Jahres geplant.",
    ),
    (
        "Le modèle hybride rechargeable reste le plus vendu de la gamme.",
        "The plug-in hybrid model remains the best seller in the range.",
        "플러그인 하이브리드 모델은 여전히 라인업에서 가장 많이 팔린다.",
        "Das Plug-in-Hybridmodell bleibt der Bestseller der Baureihe.",
    ),
    (
        "Pour toute question, contactez le service de presse par courriel.",
        "For any questions, please contact the press office by e-mail.",
        "자세한 내용은 홍보팀에 이메일로 문의하시기 바랍니다.",
        "Bei Fragen wenden Sie sich bitte per E-Mail an die Pressestelle.",
    ),
    (
        "L'usine emploie environ deux mille salariés et sous-traitants.",
        "The plant employs about two thousand staff and subcontractors.",
        "이 공장은 약 2천 명의 직원과 협력업체 인력을 고용하고 있다.",
        "Das Werk beschäftigt rund zweitausend Mitarbeiter und Zulieferer.",
    ),
    (
        "Le SUV coupé sera exporté vers l'Europe et l'Amérique du Nord.",
        "The coupe SUV will be exported to Europe and North America.",
        "쿠페형 SUV는 유럽과 북미로 수출될 예정이다.",
        "Der Coupé-SUV wird nach Europa und Nordamerika exportiert.",
    ),
    (
        "Le prix de base est fixé à 45 990 euros, bonus écologique déduit.",
        "The base price is set at 45,990 euros after the green bonus.",
        "기본 가격은 친환경 보조금을 제외하고 45,990유로로 책정되었다.",
        "Der Grundpreis liegt nach Abzug der Umweltprämie bei 45.990 Euro.",
    ),
    (
        "À propos de l'entreprise : fondée en 2000, elle conçoit et fabrique des voitures.",
        "About the company: founded in 2000, it designs and builds cars.",
        "회사 소개: 2000년에 설립되어 자동차를 설계하고 생산한다.",
        "Über das Unternehmen: Es wurde 2000 gegründet und entwickelt und baut Autos.",
    ),
    (
        "Les journalistes pourront essayer le véhicule lors d'une journée spéciale.",
        "Journalists will be able to test drive the car during a special day.",
        "기자들은 특별 행사에서 차량을 시승할 수 있다.",
        "Journalisten können das Auto an einem besonderen Tag Probe fahren.",
    ),
    (
        "Ce partenariat renforce la position du groupe sur le marché coréen.",
        "This partnership strengthens the group's position in the Korean market.",
        "이번 협력은 한국 시장에서 그룹의 입지를 강화한다.",
        "Diese Partnerschaft stärkt die Position des Konzerns auf dem koreanischen Markt.",
    ),
    (
        "Les émissions de CO2 ont baissé de moitié en cinq ans.",
        "CO2 emissions have been halved in five years.",
        "이산화탄소 배출량은 5년 만에 절반으로 줄었다.",
        "Die CO2-Emissionen wurden in fünf Jahren halbiert.",
    ),
    (
        "Une conférence de presse aura lieu jeudi à 10 h au salon de l'auto.",
        "A press conference will be held on Thursday at 10 am at the motor show.",
        "기자회견은 목요일 오전 10시 모터쇼에서 열린다.",
        "Am Donnerstag um 10 Uhr findet auf der Automesse eine Pressekonferenz statt.",
    ),
    (
        "Le groupe investit 1,5 milliard d'euros dans ses usines françaises.",
        "The group is investing 1.5 billion euros in its French plants.",
        "그룹은 프랑스 공장에 15억 유로를 투자한다.",
        "Der Konzern investiert 1,5 Milliarden Euro in seine französischen Werke.",
    ),
    (
        "Le nouveau modèle sera assemblé sur la même ligne que la berline.",
        "The new model will be assembled on the same line as the saloon.",
        "신모델은 세단과 같은 라인에서 조립된다.",
        "Das neue Modell wird auf derselben Linie wie die Limousine montiert.",
    ),
    (
        "Selon la directrice de l'usine, la cadence atteindra 60 véhicules par heure.",
        "According to the plant director, output will reach 60 vehicles per hour.",
        "공장장에 따르면 생산 속도는 시간당 60대에 이를 것이다.",
        "Laut der Werksleiterin wird die Taktung 60 Fahrzeuge pro Stunde erreichen.",
    ),
    (
        "Contact presse : Marie Dupont, +33 1 23 45 67 89, presse@exemple.fr",
        "Press contact: Marie Dupont, +33 1 23 45 67 89, presse@exemple.fr",
        "언론 문의: Marie Dupont, +33 1 23 45 67 89, presse@exemple.fr",
        "Pressekontakt: Marie Dupont, +33 1 23 45 67 89, presse@exemple.fr",
    ),
    (
        "Plus d'informations sur www.exemple.com/presse.",
        "More information at www.exemple.com/presse.",
        "자세한 정보는 www.exemple.com/presse에서 확인할 수 있다.",
        "Weitere Informationen unter www.exemple.com/presse.",
    ),
    (
        "Le marché européen des voitures électriques a encore progressé cette année.",
        "The European market for electric cars grew again this year.",
        "유럽 전기차 시장은 올해도 성장했다.",
        "Der europäische Markt für Elektroautos ist in diesem Jahr erneut gewachsen.",
    ),
    (
        "Nous sommes fiers de produire ce véhicule en Corée, a déclaré le président.",
        "We are proud to build this vehicle in Korea, said the chairman.",
        "이 차량을 한국에서 생산하게 되어 자랑스럽다고 회장은 말했다.",
        "Wir sind stolz, dieses Fahrzeug in Korea zu bauen, sagte der Vorsitzende.",
    ),
    ("Communiqué de presse", "Press release", "보도자료", "Pressemitteilung"),
    ("Contacts presse", "Press contacts", "언론 문의", "Pressekontakte"),
    ("À propos de Renault Korea", "About Renault Korea", "르노코리아 소개", "Über Renault Korea"),
    ("Merci.", "Thank you.", "감사합니다.", "Danke."),
    (
        "Le lancement est prévu en 2025.",
        "The launch is planned for 2025.",
        "출시는 2025년으로 예정되어 있다.",
        "Die Markteinführung ist für 2025 geplant.",
    ),
    (
        "Les ventes ont doublé.",
        "Sales have doubled.",
        "판매량이 두 배로 늘었다.",
        "Der Absatz hat sich verdoppelt.",
    ),
)

_COLUMNS = {"fr": 0, "en": 1, "ko": 2, "de": 3}


def sentences(lang: str) -> tuple[str, ...]:
    """The corpus in ``lang`` (French, English, Korean or German); English for other codes."""
    column = _COLUMNS.get(lang, _COLUMNS["en"])
    return tuple(row[column] for row in PARALLEL_CORPUS)


def parallel(source: str, target: str) -> tuple[tuple[str, str], ...]:
    """(source, target) sentence pairs for a language pair."""
    return tuple(zip(sentences(source), sentences(target), strict=True))


#: Every sentence of the corpus, all languages: the default training text.
DEFAULT_CORPUS: tuple[str, ...] = tuple(text for row in PARALLEL_CORPUS for text in row)
