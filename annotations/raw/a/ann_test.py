"""Annotator a: quote-based annotations for test.jsonl records 0..8."""
from ann_dev import I, D, R, S, E, T, N, OM, X, C, P, SE, O, PO, SO, OO  # noqa: F401

ANN = {}

# test 0 (SVF into fingers, SSc). Summary: background and general sentences only.
dd = "Detailed Description"
iv = "Intervention: Biological"
b12 = "baseline, 12 weeks"
ANN["NCT02975960"] = [
    I("ADMSCs", 0), I("Adipose Tissue-derived Mesenchymal Stem Cells", 0),
    I("autologous Stromal vascular fraction", dd),
    I("autologous stromal vascular fraction", "1) Acquiring"),
    I("SVF", "Extraction and purifying"), I("autologous SVF", "Making syringe"),
    I("SVF", "2) SVF injection"), I("SVF", "Inject SVF subcutaneously"),
    R("subcutaneously", "Inject SVF subcutaneously", "subcutaneous"), S("finger", "Inject SVF subcutaneously with", "finger"),
    N("7", "Enrollment:", 7),
    I("Stromal vascular fraction", "Arm: "), I("autologous stromal vascular fraction", "Arm: "),
    S("hand", ["Arm: ", "fraction on hand"], "hand"),
    I("autologous stromal vascular fraction", iv), I("autologous stromal vascular fraction", [iv, "Acquiring"]),
    I("SVF", [iv, "(SVF)"]), I("SVF", [iv, "purifying SVF"]), I("SVF", [iv, "filled with SVF"]),
    I("SVF", [iv, "SVF injection -"]), I("SVF", [iv, "Inject SVF on"]),
    S("fingers", [iv, "on fingers"], "finger"), R("subcutaneously", iv, "subcutaneous"),
] + OM(PO, P, [(1, "Change from baseline modified Rodnan Skin score (mRSS) of hands at 12 weeks", b12, [0, 84], None, None)]) + OM(SO, SE, [
    (i + 1, t, b12, [0, 84], None, None) for i, t in enumerate([
        "Change from baseline Raynaud's condition score at 12 weeks",
        "Change from baseline Visual Analog Score for pain the hands at 12 weeks",
        "Changes from baseline mRSS (total) at 12 weeks",
        "Change from baseline Kapandji score at 12weeks",
        "Change from baseline Cochin hand function scale at 12 weeks",
        "Change from baseline Systemic sclerosis HAQ at 12 weeks",
        "Change from baseline peripheral vasculature at 12 weeks",
        "Change from baseline finger circumference at 12 weeks"])])

# test 1 (MSC concentrate in supraspinatus repair). Surgical-technique narrative (arthroscopy, anchors,
# acromioplasty, heparin, rehabilitation) not annotated; negated mentions ("without MSCs") not annotated
# except the comparator's own arm/intervention name.
dd = "Detailed Description"
q = "Before the surgical treatment, patients completed"
st = "All data were statistically analyzed"
a1 = "Arm: mesenchymal stem cells"
a2 = "Arm: without mesenchymal stem cells"
i1 = "Intervention: Biological: mesenchymal stem cells"
i2 = "Intervention: Procedure: without"
tf = "1 day before the surgery, 6 months postoperatively, 1 year postoperatively, 2 years postoperatively, 5 years postoperatively, 10 years postoperatively"
td = [-1, 180, 365, 730, 1825, 3650]
ANN["NCT03068988"] = [
    I("Mesenchymal Stem Cells", 0), I("Mesenchymal Stem Cells", 1),
    I("mesenchymal stem cells", "Brief Summary"),
    I("concentrated bone marrow stem cells", 0), I("MSCs", "concentrated bone marrow stem cells ( "),
    I("MSCs", "hypothesis that MSCs"),
    N("50 patients", dd, 50),
    I("concentrate of marrow MSCs", 0), S("the tendon- bone contact point", 0, "tendon"),
    T("Before the surgical treatment", 0, [0]),
    E("VAS score", q, O), E("ASES score ( American Shoulder and Elbow Surgeons Standardized Shoulder Assessment Form )", q, O),
    E("Constant score", q, O),
    T("6 months after surgery, 1 year after surgical treatment, 2, 5 and ten years postoperatively", 0, [180, 365, 730, 1825, 3650]),
    T("Two years after the surgery", 0, [730]), E("MRI examination of the shoulder joint", 0, O),
    I("MSCs concentrate", "The MSCs concentrate ( similar"), I("collagen patch Hypro-Sorb F", 0),
    I("collagen patch", "The collagen patch as a carrier"), I("MSCs concentrate", "as a carrier of the MSCs"),
    S("the tendon and bone", "This material was then inserted", "tendon"),
    S("the place of re-fixing of the rotator cuff tendons", 0, "tendon"),
    I("MSCs concentrate", "washout of the MSCs"),
    E("integrity of the tendon at the point of insertion into the greater tuberosity of the humerus", 0, O),
    T("2 years postoperatively", "MRI of the shoulder joint was performed", [730]),
    E("tendon integrity", "He evaluated", O), E("presence and localisation of complete retear", 0, O),
    E("tendon and muscle borders", 0, O), E("presence of abnormal artifacts", 0, O),
    I("mesenchymal stem cells", "The primary hypothesis of this study is that the use of"),
    E("number of tendon reruptures", 0, P),
    E("VAS score", st, O), E("Constant score", st, O), E("ASES score", st, O),
    T("preoperatively and one year after the surgery", st, [0, 365]),
    E("incidence of reruptures", st, O), T("2 years postoperatively", st, [730]),
    N("50", "Enrollment:", 50),
    I("mesenchymal stem cells", a1), I("mesenchymal stem cells concentrate", a1),
    S("the supraspinatus footprint", a1, "supraspinatus"),
    I("without mesenchymal stem cells", a2, C), I("rotator cuff surgery", a2, C),
    I("mesenchymal stem cells", i1), I("mesenchymal stem cells concentrate", i1),
    S("the supraspinatus footprint", i1, "supraspinatus"),
    I("without mesenchymal stem cells", i2, C), I("rotator cuff surgery", i2, C),
] + OM(PO, P, [(1, "The supraspinatus tendon re-rupture rate", "2 years postoperatively", [730], None, None)]) + OM(SO, SE, [
    (1, "visual analogue scale", tf, td, None, None),
    (2, "ASES score- American Shoulder and Elbow Surgeons Standardized Shoulder Assessment Form", tf, td, None, None),
    (3, "Constant score", tf, td, None, None),
])

# test 2 (MERLIN, ORBCEL-C). Summary and description repeat the same text; both annotated.
oc = "selected Mesenchymal stromal cells derived from human umbilical cord"
bs, dd = "Brief Summary", "Detailed Description"
p1 = "The primary objective of Stage 1"
p2 = "The primary objectives of Stage 2"
s2 = "The secondary objectives of Stage 2"
ex = "Further exploratory research objectives"


def merlin_intro(sec):
    return [
        I("ORBCEL-C", sec), I(oc, sec),
        E("occurrence of dose limiting toxicity (DLT)", sec, O),
        I("ORBCEL-C", [sec, "activity outcomes of ORBCEL-C"]),
    ]


def merlin_arm(arm):
    return [
        I("Selected Mesenchymal Stromal Cells", arm), I("Orbcel-C", arm),
        D("0.5", [arm, "combination of "], 500000, 500000, "cells/kg"),
        D("1.0", [arm, "combination of 0.5, "], 1000000, 1000000, "cells/kg"),
        D("2.5 million cells/kg", arm, 2500000, 2500000, "cells/kg"),
        R("IV single-infusion", arm, "intravenous"),
    ]


ANN["NCT02997878"] = [
    I("Selected MSCs", 0), I("Selected Mesenchymal Stromal Cells", 0),
] + merlin_intro(bs) + merlin_intro(dd) + [
    E("maximum tolerated single intravenous infusion dose", p1, P),
    R("intravenous infusion", p1, "intravenous"), I("ORBCEL-C", p1),
    T("over a 14-day reporting period", p1, [], None, 14),
    R("intravenous infusion", p2, "intravenous"), I("ORBCEL-C", p2),
    T("up to 56 days", p2, [], None, 56),
    E("serum alkaline phosphatase (ALP)", p2, P), E("serum alanine aminotransferase (ALT)", p2, P),
    R("intravenous infusion", s2, "intravenous"), I("ORBCEL-C", s2),
    E("Liver biochemistry and function", s2, SE), E("immunoglobulin G concentrations (in AIH patients)", s2, SE),
    E("composite risk scores", s2, SE), E("Non-invasive clinical markers of fibrosis", s2, SE),
    E("Patient quality of life (QoL)", s2, SE), E("Severity of co-existent IBD", s2, SE),
    I("MSC", ex),
    E("Markers of immune activation including immunoglobulin values and C-reactive protein concentration", ex, O),
    E("Markers of biliary injury including total bile acid levels", ex, O),
    E("Circulating inflammatory cells profile", ex, O),
    E("Endothelial cell activation markers such as VAP-1 and ICAM1", ex, O),
    E("Serum cytokine, chemokine, microRNA and RNA expression profiles", ex, O),
    N("56", "Enrollment:", 56),
] + merlin_arm("Arm: PSC patients") + merlin_arm("Arm: AiH patients") + [
    I("Orbcel-C", "Intervention: Biological"),
    I("Selected Mesenchymal Stromal Cells derived from human ubmical cord", 0),
] + OM(PO, P, [
    (1, "Stage 1- Dose finding and Incidence of treatment emergent adverse events (safety and tolerability) PSC and AiH Patients", "14 days", [14], None, None),
    (2, "Stage 2: Incidence of treatment emergent adverse events (safety and tolerability) - Primary Sclerosing Cholangitis (PSC) and Autoimmune Hepatitis (AiH) patients", "56 days", [56], None, None),
    (3, "Stage 2: Activity: change in Alkaline Phosphatase (ALP) value : ( absolute % change /duration of change between baseline and day 56) - PSC", "56 days", [56], None, None),
    (4, "Stage 2: Activity: change in Alanine transaminase ( absolute % change /duration of change between baseline and day 56) - Autoimmune Hepatitits", "56 days", [56], None, None),
]) + OM(SO, SE, [(i + 1, t, "56 days", [56], None, None) for i, t in enumerate([
    "Autoimmune Hepatitis secondary outcomes 1", "Autoimmune Hepatitis secondary outcomes 2",
    "AIH secondary outcomes 3", "AIH secondary outcomes 4", "PSC secondary outcomes 1",
    "PSC secondary outcomes 2", "PSC secondary outcomes 3"])])

# test 3 (hAdMSCs, Romberg). "1x10e7 cells/500ul": 1x10^7 cells in 500 ul (volume not annotated).
ivn = "Intervention: Procedure"
ANN["NCT01309061"] = [
    I("Human Adipose Tissue-derived MSCs", 0), I("Human Adipose Tissue-derived Mesenchymal Stem Cell", 0),
    I("adipose tissue derived mesenchymal stem cells", 0), I("MSCs", "adipose tissue derived mesenchymal stem cells ("),
    N("five patients", 0, 5), R("intramuscular administered", 0, "intramuscular"),
    I("autologous hAdMSCs", 0), D("1\u00d710e7 cells", 0, 10000000, 10000000, "cells"),
    I("autologous microlipoinjection", 0),
    N("5", "Enrollment:", 5),
    I("Autologous Adipose Tissue derived MSCs", ivn),
    R("Intramuscular infusion", ivn, "intramuscular"), I("Autologous Adipose Tissue derived MSCs", [ivn, "Intramuscular infusion of"]),
    I("autologous microlipoinjection", ivn),
    D("1x10e7 cells", ivn, 10000000, 10000000, "cells"), I("lipoinjection", [ivn, "500ul/"]), D("20ml", ivn, 20, 20, "mL"),
] + OM(PO, P, [(1, "The volume change of fatty layer", "24 weeks", [168], None, None)]) + OM(SO, SE, [
    (1, "Clinical lab tests", "24 weeks", [168], None, None),
    (2, "Fat absorption rate", "24 weeks", [168], None, None),
])

# test 4 (Prochymal). Description is background only.
up = "Up to approximately 12 months"
ANN["NCT00284986"] = [
    I("Prochymal", 0), I("Prochymal", 1), I("Ex-vivo Cultured Adult Human Mesenchymal Stem Cells", 0),
    I("Prochymal", "Brief Summary"), I("Ex-vivo Cultured Adult Human Mesenchymal Stem Cells", "Brief Summary"),
    N("11", "Enrollment:", 11),
    I("Prochymal", "Arm: "), I("Prochymal", "Intervention: Drug"),
    R("Intravenous infusion", "Intervention: Drug", "intravenous"),
    I("ex-vivo cultured adult human mesenchymal stem cells", 0),
] + OM(PO, P, [(1, "Response by Day 28", "Day 28", [28], None, None)]) + OM(SO, SE, [
    (1, "Improvement of GVHD by Day 28 in one or more organs involved with GVHD symptoms at day 1", "Day 1", [1], None, None),
    (2, "Best stage of each involved organ by Day 28", "Day 28", [28], None, None),
    (3, "Time to improvement or resolution of GVHD in one or more organs", up, [], None, 360),
    (4, "Adverse events", up, [], None, 360),
    (5, "Infusional toxicity", up, [], None, 360),
    (6, "Overall relapse of underlying disease", up, [], None, 360),
    (7, "Overall survival", up, [], None, 360),
    (8, "Formation of ectopic tissue foci", up, [], None, 360),
    (9, "Incidence of infection", up, [], None, 360),
])

# test 5 (PNEUMOSTEM long-term follow-up; observational). Arms/Interventions give the product, doses and
# route the participants received in the parent phase I study: annotated as the record's intervention facts.
m60 = "60 months (corrected age)"
ivn = "Intervention: Biological: PNEUMOSTEM"
ANN["NCT02023788"] = [
    I("PNEUMOSTEM", 0), I("PNEUMOSTEM", 1),
    T("5-year", 0, [], None, 1825), I("PNEUMOSTEM", "Brief Summary"),
    I("PNEUMOSTEM", "PNEUMOSTEM\u00ae consists"), I("human umbilical cord blood-derived mesenchymal stem cells", 0),
    T("3-5 year", 0, [1095], None, 1825), I("PNEUMOSTEM", "phase I clinical trial of PNEUMOSTEM"),
    N("8", "Enrollment:", 8),
    I("Pneumostem", "Arm: "),
    D("1.0 x 10^7 cells/kg", "Arm: ", 10000000, 10000000, "cells/kg"),
    D("2.0 x 10^7 cells/kg", "Arm: ", 20000000, 20000000, "cells/kg"),
    I("Pneumostem", "Intervention: Biological: Pneumostem"),
    I("PNEUMOSTEM", ivn), R("intratracheal administration", ivn, "intratracheal"),
    D("1.0 x 10^7 cells/kg", ivn, 10000000, 10000000, "cells/kg"),
    D("2.0 x 10^7 cells/kg", ivn, 20000000, 20000000, "cells/kg"),
    I("Pneumostem", "The subjects were administered with"),
] + OM(PO, P, [(1, "Number of subjects with adverse drug reactions", m60, [1800], None, None)]) + OM(SO, SE, [
    (i + 1, t, m60, [1800], None, None) for i, t in enumerate([
        "Respiratory outcomes", "Survival", "Z-score", "Potential neurological development test outcomes"])])

# test 6 (Longeveron LMSCs, frailty)
lm = "Longeveron Mesenchymal Stem Cells"
ob = "The objectives of this study"


def lgroup(g, n):
    a = f"Arm: Study Group {g}"
    return [R("IV infusion", a, "intravenous"), D(f"{n} million {lm}", a, n * 1000000, n * 1000000, "cells"),
            I(lm, a), I("LMSCs", a)]


ANN["NCT03169231"] = [
    I(lm, 0), I("Placebo", "Blinded and Placebo", C), I("Longeveron Allogenic Human Mesenchymal Stem Cells", 0),
    I("placebo", "Brief Summary", C),
    I(lm, ob), I("LMSCs", ob), I("placebo", ob, C),
    E("functional mobility and exercise tolerance", ob, O), E("patient-reported physical function", ob, O),
    E("inflammatory cytokine biomarker tumor necrosis factor (TNF-alpha)", ob, O),
    N("150", "Enrollment:", 150),
] + lgroup("A", 25) + lgroup("B", 50) + lgroup("C", 100) + lgroup("D", 200) + [
    R("IV infusion", "Arm: Study Group E", "intravenous"), I("placebo", "Arm: Study Group E", C),
    I(lm, "Intervention: Biological"), I("LMSCs", "Intervention: Biological"),
    R("Intravenously delivered", "Intervention: Biological", "intravenous"),
    I("Placebo", "Intervention: Other", C), R("Intravenously delivered", "Intervention: Other", "intravenous"),
] + OM(PO, P, [(1, "Change from baseline in 6 Minute Walk Test (6MWT) compared to placebo", "Baseline and 180 days post-infusion", [0, 180], None, None)]) + OM(SO, SE, [
    (1, "Change in patient reported outcome of overall physical function capacity using the PROMIS-Physical Function-Short Form 20a compared to placebo", "180 days post-infusion", [180], None, None),
    (2, "Change in TNF-alpha compared to placebo", "180 days post-infusion", [180], None, None),
])

# test 7 (MSC for aGVHD prophylaxis). BMT is the patients' prior treatment, not an intervention here.
ev = "Every 30 day for 1 year after BMT"
ANN["NCT01941394"] = [
    I("Mesenchymal Stem Cells", 0), I("Bone Marrow Mesenchymal Stem Cell", 0),
    I("Mesenchymal Stem Cell", "Brief Summary"), I("MSC", "Brief Summary"),
    I("mesenchymal stem cells", "Detailed Description"),
    D("1 cells mln/kg", 0, 1000000, 1000000, "cells/kg"),
    N("70", "Enrollment:", 70),
    I("MSC", "Arm: With MSC"), I("Mesenchymal stem cells", "Arm: With MSC"),
    D("1 mln cells per kg", 0, 1000000, 1000000, "cells/kg"),
    I("Without MSC", "Arm: Without MSC", C), I("Without MSC", "(No Intervention)", C),
    I("Mesenchymal stem cells", "Intervention: Biological"), I("Mesenchymal stem cells", ("Intervention: Biological", 1)),
] + OM(PO, P, [(1, "GVHD", ev, [], 30, 365)]) + OM(SO, SE, [
    (1, "Overall survival", ev, [], 30, 365), (2, "Relapse-free survival", ev, [], 30, 365),
    (3, "Infection rate", ev, [], 30, 365)])

# test 8 (hUC-MSC, cerebral infarction). Aspirin/atorvastatin: background therapy given to all arms.
dd = "Detailed Description"
fu = "After the treatment, investigator will follow-up"
a1 = "Arm: Experimental group"
a2 = "Arm: Control group"
iv1 = "Intervention: Biological"
iv2 = "Intervention: Drug"
asp, ato = "Aspirin Enteric-coated Tablets", "Atorvastatin Calcium"
ANN["NCT03176498"] = [
    I("Human Umbilical Cord Mesenchymal Stem Cell Therapy", 0), I("19#iSCLife\u00ae-CI", 0),
    I("Human Umbilical Cord Mesenchymal Stem Cell Therapy", 1),
    I("Human umbilical cord mesenchymal stem cells", 0), I("hUC-MSC", 0),
    E("neurological function", "Brief Summary", O),
    N("40 participants", 0, 40),
    E("vital signs", dd, O),
    E("laboratory examination (CT/MRI, blood routine examination, urine routine examination, liver function, renal function, etc.)", 0, O),
    E("NIHSS", dd, O), E("Fugl-Meyer analysis (FMA)", 0, O),
    T("0-3 days before treatment", 0, [0]),
    I(asp, dd), I(ato, dd),
    I("hUC-MSC", "experimental group will treat with"), I("placebo", "control group with", C),
    I("normal saline", 0, C),
    E("vital signs", fu, O), E("laboratory examination", fu, O), E("NIHSS", fu, O), E("FMA analysis", fu, O),
    T("2 weeks, 1 month, and 6 months after the treatment", 0, [14, 30, 180]),
    N("40", "Enrollment:", 40),
    I(asp, a1), I(ato, a1), I("Allogeneic umbilical cord mesenchymal stem cells", a1),
    I(asp, a2), I(ato, a2), I("Placebo", [a2, "Placebo\uff1a"], C), I("saline", [a2, "Placebo\uff1a"], C),
    I("Allogeneic umbilical cord mesenchymal stem cell", iv1),
    I("Allogeneic umbilical cord mesenchymal stem cell", [iv1, "receive"]),
    R("i.v", iv1, "intravenous"), I("SCLnow 19#", 0),
    I(asp, iv2), I(ato, iv2),
    I(asp, [iv2, "\n"]), D("0.1g", iv2, 0.1, 0.1, "g"), R("by mouth", iv2, "oral"),
    I(ato, [iv2, "\n", "; "]), D("20mg", iv2, 20, 20, "mg"), R("by mouth", [iv2, "20mg"], "oral"),
] + OM(PO, P, [(1, "Motor function analysis", "6 months", [180], None, None)]) + OM(SO, SE, [
    (1, "Neurological deficits analysis", "6 months", [180], None, None),
    (2, "Limb motor function analysis", "6 months", [180], None, None),
    (3, "Barthel Index analysis", "6 months", [180], None, None),
])
