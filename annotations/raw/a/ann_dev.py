"""Annotator a: quote-based annotations for dev.jsonl records 0..12."""
X, C = "experimental", "control"


def I(q, loc=0, role=X):
    return ("INTERVENTION", q, loc, {"role": role})


def D(q, loc, low, high, unit):
    return ("DOSE", q, loc, {"low": low, "high": high, "unit": unit})


def R(q, loc, route):
    return ("ROUTE", q, loc, {"route": route})


def S(q, loc, site=None, n=None):
    return ("SITE", q, loc, {"site": site, "n_sites": n})


def E(q, loc, kind):
    return ("ENDPOINT", q, loc, {"kind": kind})


def T(q, loc, days, every=None, through=None):
    return ("SCHEDULE", q, loc, {"days": days, "every": every, "through": through})


def N(q, loc, n):
    return ("SAMPLE_SIZE", q, loc, {"n": n})


P, SE, O = "primary", "secondary", "other"
ANN = {}

# dev 0: seed page (no design/outcome sections). Background sentences excluded (incl. the general
# "constitutes a promising approach" and "rational underlying" sentences).
a = "The aim of this phase 2 study"
h = "The hypothesis of the study"
ANN["NCT04356755"] = [
    S("digital", a, "finger"), I("AdMSC", a), I("placebo", a, C),
    S("digital", h, "finger"), I("AdMSC", h),
]

# dev 1
ANN["NCT02213705"] = [
    I("Allogeneic Mesenchymal Stem Cells", 0),
    I("allogenic mesenchymal stem cell therapy", 0),
    N("20", "Enrollment:", 20),
    I("ALLOGENEIC MESENCHYMAL STEM CELLS", "Arm:"),
    I("allogeneic MSCs", "Administration of"),
    I("ALLOGENEIC MESENCHYMAL STEM CELLS", "Intervention: Biological"),
    E("toxicity", "1. toxicity", P), T("2 years", "1. toxicity", [730]),
    E("survival", "1. survival", SE), T("2 years", "1. survival", [730]),
    E("progression free survival", 0, SE), T("2 years", "2. progression free", [730]),
    E("Rodnan score", "3. Rodnan", SE), T("2 years", "3. Rodnan", [730]),
    E("Clinical response", 0, SE), T("3, 6, 9, 12 months", 0, [90, 180, 270, 360]),
]


def OM(section, kind, items):
    """Outcome block: items (num, raw title, time frame, days, every, through); the ENDPOINT span is the
    title without a final full stop, the SCHEDULE span the time-frame value."""
    out = []
    for num, title, tf, days, every, through in items:
        head = f"{num}. {title} [Time Frame: "
        out.append(E(title.rstrip(". "), [section, head], kind))
        if tf is not None:
            out.append(T(tf, [section, head + tf + "]", "[Time Frame: "], days, every, through))
    return out


PO, SO, OO = "\nPrimary Outcome Measures\n", "\nSecondary Outcome Measures\n", "\nOther Outcome Measures\n"

# dev 2
tf2 = "Baseline, 2 weeks, 6 weeks, 12 weeks, 24 weeks"
d2 = [0, 14, 42, 84, 168]
ANN["NCT03060551"] = [
    I("Autologous Adipose-derived Stromal Vascular Fraction", 0), S("the Finger", 0, "finger"),
    I("Autologous Adipose-derived Stromal Vascular Fraction", 1), S("the Finger", 1, "finger"),
    I("autologous SVF cells", "This study outlines"), S("the hands", "This study outlines", "hand"),
    T("6 months", "Preliminary assessments", [180]),
    I("autologous SVF cells", "The investigators aimed"),
    N("20", "Enrollment:", 20),
    I("SVF", "Arm: SVF"), I("SVF", "SVF was obtained"),
    S("the subcutaneous tissue of each finger", 0, "finger"),
    I("SVF", "Intervention: Procedure: SVF"),
    I("autologous SVF cells", "We aimed to measure"),
] + OM(PO, P, [(i + 1, t, tf2, d2, None, None) for i, t in enumerate([
    "Raynaud's Condition Scale", "Hand Visual Analogue Scale", "Colchin Hand Function Scale",
    "Kapandji Score (Ranging 0 to 10) - Dominant Hand", "Kapandji Score (Non-dominant Hand)",
    "Disease-related QOL (Quality of Life) : EuroQol-5 Dimensions Time Trade-off (EQ-5D TTO)",
    "Disease-related QOL (Quality of Life) : EuroQol Visual Analog Scale (EQ VAS)",
    "Disease-related QOL (Quality of Life) : Health Assessment Questionnaire (HAQ)",
    "The Degree of Hand Edema (Right)", "The Degree of Hand Edema (Left)"])]) + OM(SO, SE, [
    (i + 1, f"Changes of Nailfold Capillary Microscopic Findings ({t})", tf2, d2, None, None) for i, t in enumerate([
        "Irregularly Enlarged Capillaries", "Giant Capillaries", "Hemorrhages", "Loss of Capillaries",
        "Disorganization of the Vascular Array", "Capillary Ramifications"])])

# dev 3: MANUS
w1 = "48 hours, 2, 4, 8, 12, 24 weeks and 52 weeks after MSC administration"
d1 = [2, 14, 28, 56, 84, 168, 364]
w2 = "12, 24 and 52 weeks after MSC administration"
d2 = [84, 168, 364]
w3 = "48 hours, 2, 4, 8, 12 weeks after MSC administration"
d3 = [2, 14, 28, 56, 84]
sec = "Secondary outcome measures are:"
ev = "We will also evaluate"
ANN["NCT03211793"] = [
    I("Mesenchymal Stromal Cells", 0), I("Mesenchymal Stromal Cells", 1),
    R("intramuscularly injected", 0, "intramuscular"), I("allogeneic mesenchymal stromal cells", 0),
    I("placebo", "placebo-controlled", C),
    N("20 participants", 0, 20), R("intramuscular injection", "20 participants", "intramuscular"),
    S("8 sites", 0, None, 8),
    I("allogeneic bone marrow derived mesenchymal stromal cells", 0), I("BM-MSC", 0),
    D("45-50*10^6", 0, 45000000, 50000000, "cells"), I("placebo", "(45-50*10^6) or", C),
    S("the most affected limb", 0, "limb"),
    E("toxicity of the treatment", "The primary outcome is", P),
    T("12 weeks after MSC administration", "The primary outcome is", [84]),
    I("MSC", ["The primary outcome is", "after MSC"]),
    I("MSC", ["Local toxicity, including", "after MSC"]),
    E("number of serious adverse events", sec, SE), E("pain and disability parameters", sec, SE),
    E("healing", [sec, "; healing"], SE), E("time to healing", sec, SE),
    E("reduction of new ischemic digital ulcers", sec, SE), E("modified Rodnan skin score", sec, SE),
    E("Scleroderma Health Assessment Questionnaire (S-HAQ) including visual analogue scales (VAS) for scleroderma-specific symptoms", sec, SE),
    E("Quality-of-life (SF-36, EuroQol (EQ-5D)", sec, SE), E("Cochin hand function score", sec, SE),
    E("changes in capillary morphology and architecture", ev, O), E("biochemical parameters", ev, O),
    E("markers for endothelial activation and injury, inflammation, oxidative stress", ev, O),
    E("circulating cells including endothelial cells, hematopoietic and endothelial progenitor cells", ev, O),
    E("cytokines and growth factors", ev, O), E("immunological responses", ev, O),
    T("48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment", 0, [2, 14, 28, 56, 84, 168, 364]),
    N("20", "Enrollment:", 20),
    I("MSC", "Arm: MSC injections"), R("Intramuscular injection", "Arm: MSC injections", "intramuscular"),
    I("mesenchymal stromal cells", "Arm: MSC injections"),
    D("50 million allogeneic MSCs", 0, 50000000, 50000000, "cells"), I("allogeneic MSCs", "50 million"),
    I("Placebo", "Arm: Placebo", C), R("Intramuscular injection", "Arm: Placebo", "intramuscular"),
    I("placebo", ["Arm: Placebo", "injection of placebo"], C),
    I("Mesenchymal stromal cells", "Intervention: Drug"),
    R("intramuscular injections", "Intervention: Drug", "intramuscular"),
    S("the hand/forearm muscles", "Intervention: Drug", "hand"),
    I("Placebo", "Intervention: Other", C),
    R("intramuscular injections", "Intervention: Other", "intramuscular"),
    S("the hand/forearm muscles", "Intervention: Other", "hand"),
] + OM(PO, P, [(1, "Toxicity of the treatment", "12 weeks after MSC administration", [84], None, None)]) + OM(SO, SE, [
    (1, "Serious adverse events", w1, d1, None, None),
    (2, "Change in perceived pain based on the Numerical Rating Scale", w1, d1, None, None),
    (3, "Change in perceived pain based on the digital ulcer visual analogue scale (part of the S-HAQ)", w1, d1, None, None),
    (4, "Change in perceived pain based on the pain VAS ( part of the S-HAQ)", w1, d1, None, None),
    (5, "Change in perceived pain based on the use of analgesics.", w1, d1, None, None),
    (6, "Quality of life - SF-36", w2, d2, None, None),
    (7, "Quality of life - Euroqol", w2, d2, None, None),
    (8, "Disability", w2, d2, None, None),
    (9, "Hand function", w2, d2, None, None),
    (10, "Number (and change in number) of digital ulcers", w1, d1, None, None),
    (11, "Healing of digital ulcers", w1, d1, None, None),
    (12, "Ulcer size", w1, d1, None, None),
    (13, "Time to healing of digital ulcers", w1, d1, None, None),
    (14, "Need to alter medication regime", w1, d1, None, None),
    (15, "Modified Rodnan Skin Score", w2, d2, None, None),
    (16, "Severity of Raynaud's symptoms", "12 , 24 and 52 weeks after MSC administration", d2, None, None),
    (17, "Changes in capillary morphology and architecture", "2, 12, 24 weeks and 52 weeks after MSC administration", [14, 84, 168, 364], None, None),
    (18, "Changes in laboratory parameters", w3, d3, None, None),
    (19, "Changes in circulating cell populations", w3, d3, None, None),
])

# dev 4 (expanded access, no Enrollment line)
wj = "Wharton \u0301s jelly"
asr = "To assess the response"
ANN["NCT04432545"] = [
    I("Allogeneic Mesenchymal Stem Cells", 0),
    I("Allogeneic Stromal Mesenchymal Stem Cells From Wharton\xb4s Jelly", 0),
    R("intravenous infusion", "Based on the above", "intravenous"),
    I(f"stromal mesenchymal stem cells from {wj}", "Based on the above"),
    N("three patients", "Based on the above", 3),
    I(f"allogeneic mesenchymal stromal cells from {wj}", "Under this premise"),
    N("three patients", "Under this premise", 3),
    I("allogeneic mesenchymal stromal cell", "This study aims to evaluate"),
    R("intravenously", "The administration will be", "intravenous"),
    D("2 X 10^6 mesenchymal cells per kilogram", 0, 2000000, 2000000, "cells/kg"),
    I("cyclophosphamide", "nested at cyclophosphamide"),
    I("cyclophosphamide", "each application of the cyclophosphamide"),
    E("occurrence of any adverse event", 0, O),
    T("from start of infusion until the conclusion of the trial in six months", 0, [0], None, 180),
    T("pre-infusion and sixth-month post-infusion", 0, [0, 180]),
    E("skin involvement using the modified RODNAN score", asr, O),
    E("changes in nail capillaroscopy", asr, O),
    E("lung function and structural involvement by high-resolution chest tomography (hrCT)", asr, O),
    E("diffusion capacity for carbon monoxide (DLCO)", asr, O),
    E("6-minute walk", asr, O),
    E("cerebral natriuretic peptide (BNP)", asr, O),
    E("transthoracic echocardiogram", asr, O),
    E("Cambridge Pulmonary Hypertension Outcome Review(CAMPHOR)", asr, O),
    E("Sysq", asr, O),
    T("before initiation of therapy and after completion of 24 weeks of infusion scheme", 0, [0, 168]),
    I(f"Mesenchymal Stem Cells from {wj}", ("Intervention: Biological", 0)),
    R("intravenous infusion", ("Intervention: Biological", 0), "intravenous"),
    I(f"Mesenchymal Stem Cells from {wj}", ("Intervention: Biological", 1)),
    I(f"Mesenchymal Stem Cells from {wj}", ("Intervention: Biological", 2)),
    R("intravenous infusion", ("Intervention: Biological", 1), "intravenous"),
    I(f"Mesenchymal Stem Cells from {wj}", ("Intervention: Biological", 3)),
]

# dev 5 (ADIPOCLI)
fu = "After the surgical procedure, the patient will be followed for"
arm = "Arm: Patients with critic"
ANN["NCT04746599"] = [
    I("Autologous Fat Grafting", 0), I("Autologous Fat Grafting", 1),
    I("autologous adipose derived stromal/stem", 0), I("ASCs", "autologous adipose derived stromal/stem"),
    I("ASCs", "efficacy and safety of ASCs"), S("peri-tibial area", 0, "leg"),
    T("6 months", fu, [], None, 180),
    T("7 and 21 days; then at 1, 3, and 6 months", 0, [7, 21, 30, 90, 180]),
    E("amount of pain", "At each visit", O), E("transcutaneous oximetry value", "At each visit", O),
    E("instrumental examinations (measurement of the ankle-brachial pressure index - ABI, arterial ultrasound Doppler lower limbs)", 0, O),
    T("the enrollment, at the twenty-first day and 6 months after the procedure", 0, [0, 21, 180]),
    N("20 patients", 0, 20),
    E("Quality of Lyfe test", 0, O), T("hospitalization and at follow up", 0, []),
    I("best medical therapy", 0), I("pain-killer drugs", 0), I("prostanoids", 0),
    I("fat grafting", "adjunctive treatment with local"),
    N("20", "Enrollment:", 20),
    D("1 mL", arm, 1, 1, "mL"), I("adipose tissue formulation", arm),
    S("the end of the terminal branch of the peroneal, anterior, and posterior tibial arteries", arm, "leg"),
    D("0.5-1 ml", arm, 0.5, 1, "mL"), I("autologous adipose tissue-derived cell", arm), I("ATDC", arm),
    S("ischaemic lesions", arm, "lesion"),
    T("6 months", [arm, fu], [], None, 180),
    T("7 and 21 days; then at 1, 3 and 6 months", arm, [7, 21, 30, 90, 180]),
    I("Autologous Fat Grafting", "Intervention: Procedure"),
    I("adipose tissue formulation", "Intervention: Procedure"),
    S("the end of the terminal branch of the peroneal, anterior, and posterior tibial arteries", "Intervention: Procedure", "leg"),
] + OM(PO, P, [(1, "Pain reduction", "7 days", [7], None, None)]) + OM(SO, SE, [(1, "Limb salvage", "30 days", [30], None, None)])

# dev 6 (HCR040)
hc = "allogeneic adipose-derived adult mesenchymal stem cells expanded and pulsed with H2O2"
ANN["NCT04289194"] = [
    I("HCR040", 0), I("HCR040", 1), I("Allogeneic Adipose-derived Adult Mesenchymal Stem Cells", 0),
    I("HCR040", "Brief Summary"), I("HC016", "Brief Summary"), I(hc, "Brief Summary"),
    I("HCR040", "Detailed Description"), I("HC016", "Detailed Description"), I(hc, "Detailed Description"),
    I("HCR040", "single administration of"),
    R("intravenous injection", "Treatment is administered", "intravenous"),
    N("26", "Enrollment:", 26),
    I("HCR040", "Arm: HCR040 (Phase 1)"), I("HCR040", "Arm: HCR040 (Phase 2)"),
    I("HCR040", "Intervention: Drug: HCR040 (Phase 1)"),
    R("Intravenous administration", "Intervention: Drug: HCR040 (Phase 1)", "intravenous"),
    D("1 million cells/kg", "Intervention: Drug: HCR040 (Phase 1)", 1000000, 1000000, "cells/kg"),
    D("2 million cells/kg", "Intervention: Drug: HCR040 (Phase 1)", 2000000, 2000000, "cells/kg"),
    I("Placebo", "Intervention: Drug: Placebo", C),
    R("Intravenous administration", "Intervention: Drug: Placebo", "intravenous"),
    I("vehicle solution", 0, C),
    I("HCR040", "Intervention: Drug: HCR040 (Phase 2)"),
    R("Intravenous administration", "Intervention: Drug: HCR040 (Phase 2)", "intravenous"),
    D("1 million cells/kg", "Intervention: Drug: HCR040 (Phase 2)", 1000000, 1000000, "cells/kg"),
    D("2 million cells/kg", "Intervention: Drug: HCR040 (Phase 2)", 2000000, 2000000, "cells/kg"),
] + OM(PO, P, [(1, "Number of adverse events as a measure of safety and tolerability of a single dose of HCR040 when administered by intravenous injection", "One year", [365], None, None)]) + OM(SO, SE, [
    (1, "Average stay in the Intensive Care Unit (ICU) 28 days after the administration of HCR040", "Day 28", [28], None, None),
    (2, "Sequential Organ Failure Assessment (SOFA) index at 3, 7, 14, 21, and 28 days after the administration of HCR040", "Day 28", [28], None, None),
    (3, "Mechanical ventilation-free days 28 days after the administration of HCR040", "Day 28", [28], None, None),
    (4, "Percent mortality 28 days after the administration of HCR040", "Day 28", [28], None, None),
    (5, "Daily pulmonary mechanics values (Ppl, DP, CRS)", "One year", [365], None, None),
    (6, "Determination of lung damage using the Murray scale at day 3, 7, 14 and 28 after the administration of HCR040", "Day 28", [28], None, None),
    (7, "Vasopressor-free days 28 days after the administration of HCR040", "Day 28", [28], None, None),
    (8, "ICU-free days 28 days after the administration of HCR040", "Day 28", [28], None, None),
])

# dev 7 (vocal fold aMSC)
arm = "Arm: aMSC with"
ANN["NCT01981330"] = [
    I("Stem Cell Treatment", 0), I("Mesenchymal Stem Cells", 0), I("Hyaluronan Gel", 0),
    N("16 selected Swedish patients", 0, 16),
    I("phonomicrosurgical dissection", 0), S("the scarred vocal folds", 0, "vocal fold"),
    I("autologous mesenchymal stroma cells", 0), I("aMSC", "autologous mesenchymal stroma cells"),
    I("aMSC", "single injection of"), I("aMSC", "8 patients with injection of"),
    I("hyaluronan gel", "carrier"),
    E("laryngeal status", 0, O), E("vocal fold function", "The laryngeal status", O),
    E("voice function", "The laryngeal status", O),
    T("before and up to 1 year postoperatively", 0, [0], None, 365),
    E("Side effects", 0, O), E("complications", "Side effects and", O),
    T("during surgery and following surgery at regular intervals during at least 1 year", 0, [0], None, 365),
    N("16", "Enrollment:", 16),
    I("aMSC", arm), I("hyaluronan gel", arm),
    I("autologous mesenchymal stem cells", arm), I("aMSC", [arm, "(aMSC)"]),
    S("the vocal folds", arm, "vocal fold"),
    I("aMSC", [arm, "and aMSC mixed"]), I("hyaluronan gel", [arm, "mixed with hyaluronan"]),
    I("aMSC", "Intervention: Biological: aMSC"), I("aMSC", "aMSC injected into"),
    S("the vocal fold", "aMSC injected into", "vocal fold"),
    I("aMSC", "Intervention: Biological: aMSC+"), I("hyaluronan gel", "Intervention: Biological: aMSC+"),
    I("aMSC", "aMSC+ hyaluronan"), I("hyaluronan gel", "aMSC+ hyaluronan"),
    S("the patients vocal fold", 0, "vocal fold"),
] + OM(PO, P, [(1, "Improved healing of scarred vocal folds", "1 year postoperatively", [365], None, None)])

# dev 8 (hUC-MSC + collagen scaffold + CABG). CABG: background (experimental) in the combined arms,
# control where it is the comparator arm alone.
a1 = "Arm: hUC-MSCs+Injectable"
a2 = "Arm: hUC-MSCs+CABG"
a3 = "Arm: CABG"
i1 = "Intervention: Biological: hUC-MSCs+Injectable"
i2 = "Intervention: Biological: hUC-MSCs+CABG"
i3 = "Intervention: Procedure: CABG"
huc = "allogeneic human umbilical cord mesenchymal stem cells"
ym = "1, 3, 6, 12 and 24 months"
ANN["NCT02635464"] = [
    I("Human Umbilical Cord-derived Mesenchymal Stem Cells", 0), I("Injectable Collagen Scaffold", 0),
    I("Human Umbilical Cord-derived Mesenchymal Stem Cells", 1), I("hUC-MSCs", 0),
    I("Injectable Collagen Scaffold", 1),
    I("allogeneic human umbilical cord-derived mesenchymal stem cells", 0),
    I("hUC-MSCs", "Brief Summary"), I("injectable collagen scaffold", "Brief Summary"),
    N("50", "Enrollment:", 50),
    I("hUC-MSCs", a1), I("Injectable collagen scaffold", a1), I("CABG", a1),
    I("hUC-MSCs", a2), I("CABG", a2),
    I("CABG", a3, C),
    I("hUC-MSCs", i1), I("Injectable collagen scaffold", i1), I("CABG", i1),
    I("Coronary Artery Bypass Surgery", i1), I("CABG", [i1, "(CABG)"]),
    D("10^8 " + huc, i1, 100000000, 100000000, "cells"), I(huc, i1), I("hUC-MSCs", [i1, "(hUC-MSCs)"]),
    I("collagen scaffold", [i1, "in collagen scaffold"]), S("the infarct region", i1, "infarct"),
    I("hUC-MSCs", i2), I("CABG", i2),
    I("Coronary Artery Bypass Surgery", i2), I("CABG", [i2, "(CABG)"]),
    D("10^8 " + huc, i2, 100000000, 100000000, "cells"), I(huc, i2), I("hUC-MSCs", [i2, "(hUC-MSCs)"]),
    S("the infarct region", i2, "infarct"),
    I("CABG", i3, C), I("CABG", [i3, "underwent CABG"], C),
] + OM(PO, P, [(1, "Incidence of treatment-emergent adverse events", "up to 24 months after surgery", [], None, 720)]) + OM(SO, SE, [
    (1, "Myocardial blood flow", ym, [30, 90, 180, 360, 720], None, None),
    (2, "Left ventricle ejection fraction (LVEF)", ym, [30, 90, 180, 360, 720], None, None),
    (3, "Infarct size", ym, [30, 90, 180, 360, 720], None, None),
    (4, "New York Heart Association (NYHA) Functional Classification", ym, [30, 90, 180, 360, 720], None, None),
    (5, "Canadian Cardiovascular Society (CCS) Angina Grading Scale", ym, [30, 90, 180, 360, 720], None, None),
])

# dev 9 (NurOwn expanded access). "In the first treatment period" = the earlier BCT-002-US study: not annotated.
t2 = "In the second treatment period"
ANN["NCT04681118"] = [
    I("Nurown", 0), I("Autologous MSC-NTF Cells", 0),
    I("Nurown", 1), I("Autologous Mesenchymal Stem Cells Secreting Neurotrophic Factors", 0),
    I("MSC-NTF cells", "Brief Summary"), I("NurOwn", "Brief Summary"),
    I("NurOwn", "Detailed Description"), I("MSC-NTF cells", "Detailed Description"),
    R("intrathecal", "The participants will undergo", "intrathecal"), R("IT", "The participants will undergo up to three intrathecal (", "intrathecal"),
    I("NurOwn", "The participants will undergo"), I("MSC-NTF cells", "The participants will undergo"),
    R("intrathecal", t2, "intrathecal"), R("IT", t2 + ", the participant will receive up to three intrathecal (", "intrathecal"),
    I("NurOwn", t2), I("MSC-NTF cells", t2),
    T("three additional monthly visits", 0, [], 30, None),
    E("ALSFRS-R", 0, O), E("safety assessments", 0, O),
    I("NurOwn", "Intervention: Biological"), I("MSC-NTF cells", "Intervention: Biological"),
    R("Intrathecal administration", 0, "intrathecal"),
]

# dev 10 (placental MSC in IPF)
so = "The secondary objectives"
ANN["NCT01385644"] = [
    I("Mesenchymal Stem Cells", 0), I("Mesenchymal Stem Cells", 1),
    I("placental Mesenchymal Stem Cells", 0), I("MSC", "placental Mesenchymal Stem Cells ("),
    E("changes in lung function", so, SE), E("6 minute walk distance (6MWD)", so, SE),
    E("gas exchange", so, SE), E("radiological appearance", so, SE),
    I("MSC", [so, "infusion of MSC"]), T("over a six month evaluation period", 0, [], None, 180),
    I("MSC", "evaluation of the safety and feasibility of MSC"),
    D("1 x 10^6 placenta-derived MSC/kg", 0, 1000000, 1000000, "cells/kg"),
    I("placenta-derived MSC", "1 x 10^6"),
    T("3 month study visit", 0, [90]),
    I("MSC", "likely due, to the MSC infusion"),
    R("IV infusion", 0, "intravenous"),
    D("2 x 10^6 placenta-derived MSC/kg", 0, 2000000, 2000000, "cells/kg"),
    I("placenta-derived MSC", "2 x 10^6"),
    N("eight (8) subjects", 0, 8),
    N("8", "Enrollment:", 8),
    D("1*10^6 MSC / kg", 0, 1000000, 1000000, "cells/kg"), I("MSC", "Arm: 1*10^6"),
    I("Placental MSC", "Arm: 1*10^6"),
    D("2*10^6 MSC / kg", 0, 2000000, 2000000, "cells/kg"), I("MSC", "Arm: 2*10^6"),
    I("Placental MSC", "Arm: 2*10^6"),
    I("Placental MSC", "Intervention: Other"), I("MSC", "MSC will be derived"),
    I("placental-derived MSC", 0),
] + OM(PO, P, [(1, "Number of Participants Who Demonstrated Acute Adverse Events Following Infusion", "4 hours post-infusion", [4 / 24], None, None)]) + OM(SO, SE, [
    (1, "Percentage Change in Lung Function as Assessed by FVC Compared to Baseline", "6 months post MSC infusion", [180], None, None),
    (2, "Percentage Change in 6 Minute Walk Distance Compared to Baseline", "Baseline and 6 months post MSC infusion", [0, 180], None, None),
    (3, "Percentage Change in Lung Function as Assessed by DLCO Compared to Baseline", "6 months post MSC infusion", [180], None, None),
])

# dev 11 (Livercellgram). "5X107" = 5x10^7 with the superscript lost.
bm = "autologous bone marrow-derived mesenchymal stem cells"
a2 = "Arm: 1-time injection group"
a3 = "Arm: 2-time injection group"
ANN["NCT01875081"] = [
    I("Stem Cell Product", 0), I("Stem Cell Product", 1),
    I("no-cell therapy", 0, C),
    D("5X107 " + bm, 0, 50000000, 50000000, "cells"), I(bm, "Before implementing cell therapy"),
    I("mesenchymal stem cells", "1-time injection amount of"),
    I("autologous mesenchymal stem cells", "will re-inject"),
    T("8 hospital visits on a 4-week interval after registration", 0, [], 28, None),
    N("72", "Enrollment:", 72),
    I("Best Supportive care", 0, C),
    I("Livercellgram", a2), D("5X107 " + bm, a2, 50000000, 50000000, "cells"), I(bm, a2), S("liver", [a2, "within liver"], "liver"),
    I("Livercellgram", a3), D("5X107 " + bm, a3, 50000000, 50000000, "cells"), I(bm, a3), S("liver", [a3, "within liver"], "liver"),
    I(bm, [a3, "re-inject"]),
    I("Livercellgram", "Intervention: Biological"), I("Livercellgram", ("Intervention: Biological", 1)),
    I("Autologous bone marrow-derived mesenchymal stem cell", "Component:"),
    D("5X107 cells", "Amount:", 50000000, 50000000, "cells"),
    S("liver", "Directly inject into", "liver"),
] + OM(PO, P, [(1, "Histopathological evaluation (Fibrosis Grade - Laennec Scoring System)", "6 month after cell therapy", [180], None, None)]) + OM(SO, SE, [
    (1, "Histopathological evaluation score (Ratio of 1-time injection group to 2-time injection group comparison)", "6month", [180], None, None),
    (2, "MELD Score", "6month", [180], None, None),
    (3, "Child-Pugh grade", "6month", [180], None, None),
    (4, "Liver Function Test (ALT, AST, ALP, Albumin, billirubin, r-GT)", "6month", [180], None, None),
    (5, "Visual Inspection (Liver volume, Fibroscan)", "6month", [180], None, None),
])

# dev 12 (CP, intrathecal/intravenous BM stem cells)
it = "In this trial, the investigators"
ANN["NCT03078621"] = [
    I("Bone Marrow-Derived Stem Cell", 0),
    I("Stem Cells", "Specific Populations of "), I("Mesenchymal Stem Cells", 0),
    I("purified autologous bone marrow derived stem cells", 0), I("mesenchymal stem cells", "Brief Summary"),
    R("intrathecal transplantation", it, "intrathecal"),
    I("purified autologous bone marrow-derived stem cells", it), I("mesenchymal stem cells", it),
    N("50", "Enrollment:", 50),
    I("Stem Cells", "Arm: "),
    R("Intravenous", "Arm: Stem Cells", "intravenous"), R("Intrathecal transplantation", "Arm: Stem Cells", "intrathecal"),
    I("purified bone marrow-derived stem cells", "Arm: Stem Cells"), I("mesenchymal stem cells", "Arm: Stem Cells"),
    I("Stem Cell Therapy", 0),
    R("Intravenous", "Intervention: Biological", "intravenous"), R("Intrathecal transplantation", "Intervention: Biological", "intrathecal"),
    I("purified autologous bone marrow-derived stem cells", "Intervention: Biological"),
    I("mesenchymal stem cells", "Intervention: Biological"),
] + OM(PO, P, [(1, "Changes in Motor Performance.", "6 months", [180], None, None)]) + OM(SO, SE, [
    (1, "Motor function studies", "1 year", [365], None, None),
    (2, "Specific white matter tract analysis using MRI", "6 months", [180], None, None),
])
