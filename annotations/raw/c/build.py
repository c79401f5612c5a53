"""Second-annotator (c) double annotation: quotes -> character offsets -> schema JSONL.

Annotations are written by hand below as quotes (label, quote, attributes) located by an optional
`after` context string (search starts at the first occurrence of `after`, or at the position given by
a previous locate) and `n` (n-th occurrence of the quote from there, 0-based).
Outcome-measure blocks are located with a regex (titles -> ENDPOINT, time frames -> SCHEDULE); the
SCHEDULE values for each time-frame string are given by hand in TF below.
"""
import json
import re
import sys

SRC = ["/work/main/annotations/source/dev.jsonl", "/work/main/annotations/source/test.jsonl"]
OUT = "/work/main/annotations/work/c/double.jsonl"

ATTRS = {
    "INTERVENTION": ["role"],
    "DOSE": ["low", "high", "unit"],
    "ROUTE": ["route"],
    "SITE": ["site", "n_sites"],
    "ENDPOINT": ["kind"],
    "SCHEDULE": ["days", "every", "through"],
    "SAMPLE_SIZE": ["n"],
}

E, C = "experimental", "control"
H = 1 / 24


def I(q, role=E, **kw):
    return ("INTERVENTION", q, dict(role=role), kw)


def D(q, low, high=None, unit="cells", **kw):
    return ("DOSE", q, dict(low=low, high=low if high is None else high, unit=unit), kw)


def R(q, route, **kw):
    return ("ROUTE", q, dict(route=route), kw)


def S(q, site=None, n_sites=None, **kw):
    return ("SITE", q, dict(site=site, n_sites=n_sites), kw)


def EP(q, kind="other", **kw):
    return ("ENDPOINT", q, dict(kind=kind), kw)


def SC(q, days, every=None, through=None, **kw):
    return ("SCHEDULE", q, dict(days=days, every=every, through=through), kw)


def N(q, n, **kw):
    return ("SAMPLE_SIZE", q, dict(n=n), kw)


# ---------------------------------------------------------------------------------------------
# Manual annotations (non-outcome-section spans), in reading order.
# kw: after=<context string the search starts at>, n=<n-th occurrence after that point>
# ---------------------------------------------------------------------------------------------
ANN = {}
TF = {}  # time-frame string -> (days, every, through), per record

ANN["NCT04681118"] = [
    # title
    I("Nurown®"), I("Autologous MSC-NTF Cells"),
    # official title
    I("Nurown®", after="Official Title"), I("Autologous Mesenchymal Stem Cells Secreting Neurotrophic Factors"),
    # brief summary
    I("MSC-NTF cells", after="Brief Summary"), I("NurOwn®", after="MSC-NTF cells("),
    # detailed description
    I("NurOwn®", after="Detailed Description"), I("MSC-NTF cells", after="to provide NurOwn"),
    # (the clause "completed the BCT-002-US ... received all three IT treatments" is about the previous trial)
    R("intrathecal", "intrathecal", after="The participants will undergo"), R("IT", "intrathecal", after="The participants will undergo up to three intrathecal ("),
    I("NurOwn®", after="The participants will undergo"), I("MSC-NTF cells", after="The participants will undergo"),
    # "In the first treatment period, the participant received ..." = the previous BCT-002-US trial: not annotated
    R("intrathecal", "intrathecal", after="In the second treatment period"), R("IT", "intrathecal", after="In the second treatment period, the participant will receive up to three intrathecal ("),
    I("NurOwn®", after="In the second treatment period"), I("MSC-NTF cells", after="In the second treatment period"),
    SC("three additional monthly visits", [], every=30),
    # interventions
    I("NurOwn", after="Intervention: Biological: "), I("MSC-NTF cells", after="Intervention: Biological: "),
    R("Intrathecal administration", "intrathecal"),
]

ANN["NCT03078621"] = [
    I("Bone Marrow-Derived Stem Cell"),
    I("Stem Cells", after="Official Title: Safety and Efficacy of Transplantation of Specific Populations of "),
    I("Mesenchymal Stem Cells", after="Official Title"),
    I("purified autologous bone marrow derived stem cells", after="Brief Summary"),
    I("mesenchymal stem cells", after="purified autologous bone marrow derived stem cells and "),
    # detailed description: first paragraph is background
    R("intrathecal transplantation", "intrathecal", after="In this trial"),
    I("purified autologous bone marrow-derived stem cells", after="In this trial"),
    I("mesenchymal stem cells", after="In this trial, the investigators study the safety and efficacy of the intrathecal transplantation of specific populations of purified autologous bone marrow-derived stem cells and "),
    N("50", 50, after="Enrollment: "),
    I("Stem Cells", after="Arm: "),
    R("Intravenous", "intravenous", after="Arm: Stem Cells (Experimental)\n"),
    R("Intrathecal transplantation", "intrathecal", after="Arm: Stem Cells (Experimental)\n"),
    I("purified bone marrow-derived stem cells", after="Arm: Stem Cells"),
    I("mesenchymal stem cells", after="purified bone marrow-derived stem cells and "),
    I("Stem Cell Therapy", after="Intervention: Biological: "),
    R("Intravenous", "intravenous", after="Stem Cell Therapy\n"),
    R("Intrathecal transplantation", "intrathecal", after="Stem Cell Therapy\n"),
    I("purified autologous bone marrow-derived stem cells", after="Stem Cell Therapy\n"),
    I("mesenchymal stem cells", after="Stem Cell Therapy\n"),
]
TF["NCT03078621"] = {"6 months": ([180], None, None), "1 year": ([365], None, None)}

ANN["NCT03356821"] = [
    I("Stromal Cells"), R("Intranasally", "intranasal"),
    I("Adult Mesenchymal Stromal Cells", after="Official Title"),
    I("Stromal Cells", after="(Perinatal Arterial Stroke Treated With "),
    R("IntraNasally", "intranasal"),
    I("bone marrow-derived allogeneic MSCs", after="Brief Summary"),
    R("nasal route", "intranasal", after="Brief Summary"),
    # detailed description: background except the project-aim sentences and the repeated summary sentence
    I("MSCs", after="This project aims at making the first step towards clinical application of "),
    I("MSCs", after="the first evidence of the safety and feasibility of "),
    I("bone marrow-derived allogeneic MSCs", after="Successful completion of this project"),
    R("nasal route", "intranasal", after="Successful completion of this project"),
    N("10", 10, after="Enrollment: "),
    # Arms: "10 patients will be included" -> SAMPLE_SIZE is out of scope in Arms (scope table)
    I("Mesenchymal Stem Cells", after="Arm: "),
    I("Mesenchymal Stem Cells", after="Intervention: Biological: "),
    D("50x10^6 bone marrow-derived allogeneic MSCs", 50000000, unit="cells"),
    I("bone marrow-derived allogeneic MSCs", after="One dose of 50x10^6 "),
    R("nasal route", "intranasal", after="One dose of"),
    I("MSC", after="using standard procedures operative at the Neonatal Intensive Care Unit, the "),
]
TF["NCT03356821"] = {"24 hours after treatment": ([1], None, None), "3 months postnatal age": ([90], None, None)}

ANN["NCT03455335"] = [
    I("Autologous Stem Cells"),
    R("Intramuscular", "intramuscular", after="Official Title"),
    I("Mesenchymal Stem Cells", after="Official Title"),
    I("autologous bone marrow-derived MSCs", after="Brief Summary"),
    I("MSCs", after="from which "),
    D("20 million hMSC", 20000000), I("hMSC", after="20 million "),
    D("40 million hMSC", 40000000), I("hMSC", after="40 million "),
    D("80 million hMSC", 80000000), I("hMSC", after="80 million "),
    S("the ischemic leg", "leg"),
    R("intramuscular injections", "intramuscular"),
    R("intramuscular", "intramuscular", after="This is a phase 1b"),
    I("mesenchymal stem cells", after="This is a phase 1b"),
    R("intramuscular transplantation", "intramuscular", after="Trial Aims and Objectives"),
    I("autologous bone marrow derived mesenchymal stem cells", after="Trial Aims and Objectives"),
    R("Intramuscular delivery", "intramuscular", after="Trial Intervention:"),
    I("autologous bone marrow-derived mesenchymal stem cells", after="Trial Intervention:"),
    N("9", 9, after="Sample Size: "),
    I("autologous bone marrow-derived mesenchymal stem cells", after="Sequential administration of 3 escalating doses of "),
    SC("Day 0, 7, 30, 90, 180, 365 and 730", [0, 7, 30, 90, 180, 365, 730]),
    EP("Serious adverse events that are attributable to intervention", "primary"),
    EP("Amputation free survival", "secondary", after="Secondary Outcomes :"),
    EP("median time to amputation", "secondary", after="Secondary Outcomes :"),
    EP("TcPo2", "secondary", after="Secondary Outcomes :"),
    EP("ABI", "secondary", after="Secondary Outcomes :"),
    EP("pain scale", "secondary", after="Secondary Outcomes :"),
    EP("ulcer healing", "secondary", after="Secondary Outcomes :"),
    EP("quality of life assessments", "secondary", after="Secondary Outcomes :"),
    EP("collateral vessel formation detected by MRI", "secondary", after="Secondary Outcomes :"),
    SC("12 months", [360], after="collateral vessel formation detected by MRI at "),
    N("12", 12, after="Enrollment: "),
    D("20 million hMSCs", 20000000, after="Arm: low dose"), I("hMSCs", after="Arm: low dose cohort (Experimental)\n20 million "),
    D("40 million hMSCs", 40000000, after="Arm: mid dose"), I("hMSCs", after="Arm: mid dose cohort (Experimental)\n40 million "),
    D("80 million hMSCs", 80000000, after="Arm: high dose"), I("hMSCs", after="Arm: high dose cohort (Experimental)\n80 million "),
    D("20 million hMSCs", 20000000, after="Intervention: Drug: "), I("hMSCs", after="Intervention: Drug: 20 million "),
    D("40 million hMSCs", 40000000, after="Intervention: Drug: "), I("hMSCs", after="Intervention: Drug: 40 million "),
    D("80 million hMSCs", 80000000, after="Intervention: Drug: "), I("hMSCs", after="Intervention: Drug: 80 million "),
]
TF["NCT03455335"] = {"12 months": ([360], None, None)}

P = "PRIMARY OBJECTIVES"
ANN["NCT03896568"] = [
    I("MSC-DNX-2401"),
    I("Allogeneic Bone Marrow Human Mesenchymal Stem Cells", after="Official Title"),
    I("Tumor Selective Oncolytic Adenovirus", after="Official Title"),
    I("DNX-2401", after="Oncolytic Adenovirus, "),
    R("Intra-Arterial Injection", "intra-arterial", after="Official Title"),
    I("oncolytic adenovirus DNX-2401", after="Brief Summary"),
    I("Oncolytic adenovirus DNX-2401", after="(recurrent). "),
    # primary objectives
    EP("maximal tolerated dose (MTD)", "primary", after=P),
    I("allogeneic bone marrow-derived human mesenchymal stem cells", after=P),
    I("BM-hMSCs", after="human mesenchymal stem cells ("),
    I("oncolytic adenovirus DNX-2401", after="(BM-hMSCs) loaded with the "),
    I("BM-hMSCs-DNX2401", after="oncolytic adenovirus DNX-2401 ("),
    R("intra-arterial injection", "intra-arterial", after=P),
    R("transfemoral endovascular intracranial injection", "intra-arterial", after=P),
    EP("local and systemic toxicity", "primary", after=P),
    I("allogeneic BM-hMSCs-DNX2401", after="local and systemic toxicity of "),
    R("intra-arterial injection", "intra-arterial", after="local and systemic toxicity of "),
    R("transfemoral endovascular intracranial injection", "intra-arterial", after="local and systemic toxicity of "),
    EP("capacity of allogeneic BM-hMSCs-DNX2401 administered intra-arterially to home to and deliver DNX-2401", "primary"),
    I("allogeneic BM-hMSCs-DNX2401", after="III. To determine at the molecular"),
    R("intra-arterially", "intra-arterial", after="III. To determine at the molecular"),
    I("DNX-2401", after="to home to and deliver "),
    # secondary objectives
    EP("shedding of adenovirus into the blood, sputum, and nasopharynx", "secondary"),
    R("intra-arterial administration", "intra-arterial", after="I. To assess shedding"),
    I("BM-hMSCs-DNX2401", after="I. To assess shedding"),
    EP("development of anti-adenovirus antibodies", "secondary"),
    R("intra-arterial administration", "intra-arterial", after="II. To assess the development"),
    I("BM-hMSCs-DNX2401", after="II. To assess the development"),
    EP("immune-mediated cytokine responses", "secondary"),
    R("intra-arterial administration", "intra-arterial", after="III. To evaluate immune-mediated"),
    I("BM-hMSCs-DNX2401", after="III. To evaluate immune-mediated"),
    EP("anti-tumoral activity", "secondary"),
    EP("progression-free survival (PFS)", "secondary"),
    EP("overall survival (OS)", "secondary"),
    R("intra-arterial administration", "intra-arterial", after="IV. To assess anti-tumoral"),
    I("BM-hMSCs-DNX2401", after="IV. To assess anti-tumoral"),
    # outline
    I("BM-hMSCs-DNX-2401", after="PART I: "),
    R("intra-arterially", "intra-arterial", after="PART I: "),
    R("IA", "intra-arterial", after="PART I: Patients receive one or two infusions of BM-hMSCs-DNX-2401 intra-arterially ("),
    I("BM-hMSCs-DNX-2401", after="PART II: "),
    R("IA", "intra-arterial", after="PART II: Patients receive one or two infusions BM-hMSCs-DNX-2401 "),
    I("surgery", after="After 2 weeks, patients undergo "),
    R("intramural injection", "other", after="PART II"),
    I("BM-hMSCs-DNX-2401", after="intramural injection of "),
    S("the resection cavity", "resection cavity"),
    # follow-up
    SC("days 1, 4, 7, and 14 of month 1", [1, 4, 7, 14]),
    SC("every 6 weeks for 6 months", [], every=42, through=180, after="14 of month 1"),
    SC("every 8 weeks for 1 year", [], every=56, through=365, after="14 of month 1"),
    SC("every 4 months for 1 year", [], every=120, through=365, after="14 of month 1"),
    SC("every 6 months until the tumor grows back", [], every=180, after="14 of month 1"),
    SC("Day 12", [12]),
    SC("Day 1, 4, and 7 after second infusion", [1, 4, 7]),
    SC("Day 1, 7, and 14 post-craniotomy", [1, 7, 14]),
    SC("every 6 weeks for 6 months", [], every=42, through=180, after="post-craniotomy"),
    SC("every 8 weeks for 1 year", [], every=56, through=365, after="post-craniotomy"),
    SC("every 4 months for 1 year", [], every=120, through=365, after="post-craniotomy"),
    SC("every 6 months until the tumor grows back", [], every=180, after="post-craniotomy"),
    N("36", 36, after="Enrollment: "),
    # arms
    I("oncolytic adenovirus Ad5-DNX-2401", after="Arm: Part I ("),
    I("oncolytic adenovirus Ad5-DNX-2401", after="Arm: Part I (oncolytic adenovirus Ad5-DNX-2401) (Experimental)\nPatients receive "),
    R("IA", "intra-arterial", after="Arm: Part I (oncolytic adenovirus Ad5-DNX-2401) (Experimental)\nPatients receive oncolytic adenovirus Ad5-DNX-2401 "),
    I("oncolytic adenovirus Ad5-DNX-2401", after="Arm: Part II ("),
    I("surgery", after="Arm: Part II (oncolytic adenovirus Ad5-DNX-2401, "),
    I("oncolytic adenovirus Ad5-DNX-2401", after="surgery) (Experimental)\nPatients receive "),
    I("surgery", after="surgery) (Experimental)\nPatients receive oncolytic adenovirus Ad5-DNX-2401 as in part I. After 2 weeks, patients undergo "),
    I("oncolytic adenovirus Ad5-DNX-2401", after="patients undergo surgery, then receive "),
    R("IA", "intra-arterial", after="patients undergo surgery, then receive oncolytic adenovirus Ad5-DNX-2401 "),
    # interventions
    I("Oncolytic Adenovirus Ad5-DNX-2401", after="Intervention: Biological: "),
    R("IA", "intra-arterial", after="Given "),
    I("Therapeutic Conventional Surgery", after="Intervention: Procedure: "),
    I("surgery", after="Undergo "),
]
TF["NCT03896568"] = {"Up to 28 days": ([], None, 28), "Up to 1 year": ([], None, 365)}

ANN["NCT01804153"] = [
    I("Stem Cells"),
    I("Expanded Autologous Mesenchymal Stem Cells", after="Official Title"),
    I("ASC", after="Derived From Adipose Tissue ("),
    I("autologous ASC", after="Brief Summary"),
    I("adipose derived stem cells", after="Detailed Description"),
    R("local application", "other", after="Detailed Description"),
    N("10", 10, after="Enrollment: "),
    I("Autologous expanded stem cells", after="Arm: "),
    I("Adipose-derived expanded stem cells", after="Arm: "),
    I("Adipose-derived expanded stem cells", after="Intervention: Drug: "),
    R("Intralesional application", "intralesional"),
    I("ASC", after="Intralesional application "),
]
TF["NCT01804153"] = {"16 weeks": ([112], None, None), "1, 4, 16, 24 weeks": ([7, 28, 112, 168], None, None)}

ANN["NCT03169231"] = [
    I("Longeveron Mesenchymal Stem Cells"),
    I("Longeveron Allogenic Human Mesenchymal Stem Cells", after="Official Title"),
    I("Longeveron Mesenchymal Stem Cells", after="Detailed Description"),
    I("LMSCs", after="Detailed Description"),
    I("placebo", C, after="(LMSCs) compared to "),
    EP("functional mobility and exercise tolerance", after="Detailed Description"),
    EP("patient-reported physical function", after="Detailed Description"),
    EP("inflammatory cytokine biomarker tumor necrosis factor (TNF-alpha)", after="Detailed Description"),
    N("150", 150, after="Enrollment: "),
]
for grp, dose in [("A", 25), ("B", 50), ("C", 100), ("D", 200)]:
    a = "Arm: Study Group %s (Experimental)\n" % grp
    q = "%d million Longeveron Mesenchymal Stem Cells" % dose
    ANN["NCT03169231"] += [
        R("IV infusion", "intravenous", after=a),
        D(q, dose * 1000000, after=a),
        I("Longeveron Mesenchymal Stem Cells", after=a + "Single peripheral IV infusion of %d million " % dose),
        I("LMSCs", after=a),
    ]
ANN["NCT03169231"] += [
    R("IV infusion", "intravenous", after="Arm: Study Group E"),
    I("placebo", C, after="Arm: Study Group E (Placebo Comparator)\nSingle peripheral IV infusion of "),
    I("Longeveron Mesenchymal Stem Cells", after="Intervention: Biological: "),
    I("LMSCs", after="Intervention: Biological: "),
    R("Intravenously delivered", "intravenous", after="Intervention: Biological: "),
    I("Placebo", C, after="Intervention: Other: "),
    R("Intravenously delivered", "intravenous", after="Intervention: Other: "),
]
TF["NCT03169231"] = {"Baseline and 180 days post-infusion": ([0, 180], None, None),
                     "180 days post-infusion": ([180], None, None)}

ANN["NCT03176498"] = [
    I("Human Umbilical Cord Mesenchymal Stem Cell"),
    I("19#iSCLife®-CI"),
    I("Human Umbilical Cord Mesenchymal Stem Cell", after="Official Title"),
    I("Human umbilical cord mesenchymal stem cells", after="Brief Summary"),
    I("hUC-MSC", after="Brief Summary"),
    N("40 participants", 40, after="Detailed Description"),
    SC("0-3 days before treatment", [0]),
    I("Aspirin Enteric-coated Tablets", after="Detailed Description"),
    I("Atorvastatin Calcium", after="Detailed Description"),
    I("hUC-MSC", after="experimental group will treat with "),
    I("placebo", C, after="control group with "),
    I("normal saline", C, after="control group with placebo ("),
    SC("2 weeks, 1 month, and 6 months after the treatment", [14, 30, 180]),
    N("40", 40, after="Enrollment: "),
    I("Aspirin Enteric-coated Tablets", after="Arm: Experimental group"),
    I("Atorvastatin Calcium", after="Arm: Experimental group"),
    I("Allogeneic umbilical cord mesenchymal stem cells", after="Arm: Experimental group"),
    I("Aspirin Enteric-coated Tablets", after="Arm: Control group"),
    I("Atorvastatin Calcium", after="Arm: Control group"),
    I("Placebo", C, after="Arm: Control group (Placebo Comparator)\n"),
    I("saline", C, after="Placebo："),
    I("Allogeneic umbilical cord mesenchymal stem cell", after="Intervention: Biological: "),
    I("Allogeneic umbilical cord mesenchymal stem cell", after="Experimental group receive "),
    R("i.v", "intravenous", after="Experimental group receive "),
    I("SCLnow 19#", after="Experimental group receive "),
    I("Aspirin Enteric-coated Tablets", after="Intervention: Drug: "),
    I("Atorvastatin Calcium", after="Intervention: Drug: "),
    I("Aspirin Enteric-coated Tablets", after="Intervention: Drug: Aspirin Enteric-coated Tablets & Atorvastatin Calcium\n"),
    D("0.1g", 0.1, unit="g"),
    R("by mouth", "oral", after="0.1g/d "),
    I("Atorvastatin Calcium", after="0.1g/d by mouth; "),
    D("20mg", 20, unit="mg"),
    R("by mouth", "oral", after="20mg/d "),
]
TF["NCT03176498"] = {"6 months": ([180], None, None)}

ANN["NCT03047772"] = [
    I("Autologous Bone Marrow Mesenchymal Stem Cells"),
    I("Intensive Atorvastatin"),
    I("Autologous Bone Marrow Mesenchymal Stem Cells", after="Official Title"),
    I("Intensive Atorvastatin", after="Official Title"),
    # brief summary: first sentence is background
    I("intensive Atorvastatin", after="The purpose of this study"),
    R("intracoronary transfer", "intracoronary"),
    I("autologous bone marrow mesenchymal stem cells", after="intracoronary transfer of "),
    # detailed description: sentences 1-2 background
    I("Atorvastatin", after="about the strategy with "),
    I("autologous bone marrow mesenchymal stem cells", after="to improve the survival of implanted cells, "),
    I("autologous bone marrow mesenchymal stem cells", after="years of age who receive "),
    I("autologous bone marrow mesenchymal stem cells", after="These patients receive "),
    R("intracoronary", "intracoronary", after="These patients receive "),
    I("Atorvastatin", after="with regular or high dose of "),
    SC("baseline and during 12 months follow-up", [0], through=360),
    N("124", 124, after="Enrollment: "),
    # arms (role: atorvastatin = background therapy of all arms -> experimental; placebo -> control;
    # BMMSC in the Active Comparator arm -> control)
    I("Atorvastatin", after="Arm: Phase A: "),
    I("Atorvastatin", after="Arm: Phase A: Atorvastatin (Placebo Comparator)\n"),
    I("placebo", C, after="Arm: Phase A: Atorvastatin (Placebo Comparator)\n"),
    I("BMMSC", after="Arm: Phase A: Low dose "),
    I("Atorvastatin", after="Arm: Phase A: Low dose BMMSC (Experimental)\n"),
    I("BMMSC", after="Arm: Phase A: Low dose BMMSC (Experimental)\nAtorvastatin routine dose + low dose "),
    I("BMMSC", after="Arm: Phase A: Middle dose "),
    I("Atorvastatin", after="Arm: Phase A: Middle dose BMMSC (Experimental)\n"),
    I("BMMSC", after="Arm: Phase A: Middle dose BMMSC (Experimental)\nAtorvastatin routine dose + middle dose "),
    I("BMMSC", after="Arm: Phase A: High dose "),
    I("Atorvastatin", after="Arm: Phase A: High dose BMMSC (Experimental)\n"),
    I("BMMSC", after="Arm: Phase A: High dose BMMSC (Experimental)\nAtorvastatin routine dose + high dose "),
    I("Atorvastatin", after="Arm: Phase B: "),
    I("Atorvastatin", after="Arm: Phase B: Atorvastatin (Placebo Comparator)\n"),
    I("placebo", C, after="Arm: Phase B: Atorvastatin (Placebo Comparator)\n"),
    I("Atorvastatin", at="Arm: Phase B: Atorvastatin+"),
    I("Transplantation", C, after="Arm: Phase B: Atorvastatin+"),
    I("Atorvastatin", after="Arm: Phase B: Atorvastatin+Transplantation (Active Comparator)\n"),
    I("BMMSC", C, after="Arm: Phase B: Atorvastatin+Transplantation (Active Comparator)\n"),
    I("Intensive Atorvastatin", at="Arm: Phase B: Intensive Atorvastatin (Placebo"),
    I("Atorvastatin", after="Arm: Phase B: Intensive Atorvastatin (Placebo Comparator)\n"),
    I("placebo", C, after="Arm: Phase B: Intensive Atorvastatin (Placebo Comparator)\n"),
    I("Intensive Atorvastatin", at="Arm: Phase B: Intensive Atorvastatin+"),
    I("Transplantation", after="Arm: Phase B: Intensive Atorvastatin+"),
    I("Atorvastatin", after="Arm: Phase B: Intensive Atorvastatin+Transplantation (Experimental)\n"),
    I("BMMSC", after="Arm: Phase B: Intensive Atorvastatin+Transplantation (Experimental)\n"),
    # interventions
    I("Atorvastatin", after="Intervention: Drug: "),
    I("Atorvastatin", after="Routine dose of "),
    I("Intensive Atorvastatin", at="Intervention: Drug: Intensive Atorvastatin"),
    I("Atorvastatin", after="Intensive dose of "),
    I("BMMSC", after="Intervention: Drug: Low dose "),
    I("autologous Bone Marrow Mesenchymal Stem Cells", after="Intervention: Drug: Low dose BMMSC\n"),
    I("BMMSC", after="Intervention: Drug: Middle dose "),
    I("autologous Bone Marrow Mesenchymal Stem Cells", after="Intervention: Drug: Middle dose BMMSC\n"),
    I("BMMSC", after="Intervention: Drug: High dose "),
    I("autologous Bone Marrow Mesenchymal Stem Cells", after="Intervention: Drug: High dose BMMSC\n"),
    I("Transplantation", at="Intervention: Drug: Transplantation"),
    I("autologous Bone Marrow Mesenchymal Stem Cells", after="Intervention: Drug: Transplantation\n"),
]
TF["NCT03047772"] = {"12 months": ([360], None, None)}

ANN["NCT02352077"] = [
    I("NeuroRegen Scaffold™"), I("Stem Cells"),
    I("NeuroRegen Scaffold™", after="Official Title"),
    I("Bone Marrow Mononuclear Cells", after="Official Title"),
    I("Mesenchymal Stem Cells", after="Official Title"),
    I("NeuroRegen scaffold", after="Brief Summary"),
    I("bone marrow mononuclear cells", after="Brief Summary"),
    I("BMMCs", after="Brief Summary"),
    I("mesenchymal stem cells", after="Brief Summary"),
    I("MSCs", after="Brief Summary"),
    N("30", 30, after="Enrollment: "),
    I("NeuroRegen Scaffold", after="Arm: "),
    I("BMMCs", after="Arm: "),
    I("MSCs", after="Arm: "),
    I("NeuroRegen scaffold", after="Intervention: Biological: "),
    I("BMMCs", after="Intervention: Biological: "),
    I("MSCs", after="Intervention: Biological: "),
    I("NeuroRegen Scaffold", after="will receive "),
    I("bone marrow mononuclear cells", after="will receive "),
    I("BMMCs", after="will receive "),
    I("mesenchymal stem cells", after="will receive "),
    I("MSCs", after="will receive "),
    I("comprehensive rehabilitation", after="will receive "),
]
TF["NCT02352077"] = {"6 months": ([180], None, None), "12 months": ([360], None, None)}

ANN["NCT00225095"] = [
    I("Chondrogen"), R("Intra-Articular Injection", "intra-articular"),
    I("Chondrogen", after="Official Title"),
    I("Adult Universal Cell", after="Official Title"),
    R("Intra-Articular Injection", "intra-articular", after="Official Title"),
    I("Chondrogen", after="Brief Summary"),
    S("the knee", "knee", after="Brief Summary"),
    I("Chondrogen", after="Detailed Description"),
    I("adult mesenchymal stem cells", after="Detailed Description"),
    I("MSCs", after="Detailed Description"),
    # preclinical sentences: background
    I("placebo", C, after="Three groups"),
    I("Chondrogen", after="one of two possible doses of "),
    N("60", 60, after="Enrollment: "),
    I("Chondrogen", at="Arm: Chondrogen - dose 1"),
    I("Chondrogen", after="Arm: Chondrogen - dose 1 (Active Comparator)\n"),
    D("50 million cells", 50000000),
    I("Chondrogen", at="Arm: Chondrogen - dose 2"),
    I("Chondrogen", after="Arm: Chondrogen - dose 2 (Active Comparator)\n"),
    D("150 million cells", 150000000),
    I("Vehicle Control", C, after="Arm: "),
    I("Vehicle Control", C, after="Arm: Vehicle Control (Other)\n"),
    I("Mesenchymal Stem Cells", after="Intervention: Drug: "),
    I("Hyaluronan", C, after="Intervention: Drug: "),
]
TF["NCT00225095"] = {"6 months": ([180], None, None), "2 years": ([730], None, None),
                     "Baseline to 2 years": ([0], None, 730)}

ANN["NCT04951882"] = [
    I("hUC-MSCs"),
    I("Human Umbilcal Cord Derived Mesenchyamal Stem Cells", after="Official Title"),
    I("MSCs", after="Brief Summary"),
    R("intravenous injection", "intravenous", after="Brief Summary"),
    I("hUC-MSCs", after="intravenous injection of "),
    I("vehicle", C, after="Brief Summary"),
    I("Albumin", C, after="vehicle("),
    I("standard Therapies", C, after="Brief Summary"),
    N("30", 30, after="Enrollment: "),
    I("hUC-MSCs", after="Arm: "),
    I("hUC-MSCs", after="treated by suspention of "),
    I("standard therapies", C, after="treated by suspention of "),
    I("non-cell therapy", C, after="Arm: "),
    I("vehicle", C, after="Arm: non-cell therapy"),
    I("albumin", C, after="Arm: non-cell therapy"),
    I("standard therapies", C, after="Arm: non-cell therapy"),
    I("human derived umbilical cord derived mesenchymal stem cells", after="Intervention: Biological: "),
    R("intravenous transplantation", "intravenous"),
    I("human derived umbilical cord derived mesenchymal stem cells", after="intravenous transplantation of "),
]
TF["NCT04951882"] = {"Day %d" % d: ([d], None, None) for d in (1, 3, 7, 14, 28)}


# ---------------------------------------------------------------------------------------------
def locate(text, q, after=None, at=None, n=0):
    """after: search starts at the END of the first occurrence of `after`;
    at: search starts at the START of the first occurrence of `at` (an anchor containing the quote)."""
    pos = 0
    if after is not None:
        pos = text.find(after)
        if pos < 0:
            raise ValueError("context not found: %r" % after)
        pos += len(after)
    if at is not None:
        pos = text.find(at, pos)
        if pos < 0:
            raise ValueError("anchor not found: %r" % at)
    for _ in range(n + 1):
        i = text.find(q, pos)
        if i < 0:
            raise ValueError("quote not found: %r after %r" % (q, after))
        pos = i + 1
    return i, i + len(q)


OUTCOME_HEAD = re.compile(r"^(Primary|Secondary|Other) Outcome Measures$")
OUTCOME_LINE = re.compile(r"^\d+\. (.*?) ?\[Time Frame: (.*?)\]\s*$")
END_SECTIONS = {"Eligibility Criteria", "Conditions", "Record Information"}


def outcome_spans(doc_id, text):
    spans = []
    kind = None
    off = 0
    for line in text.split("\n"):
        m = OUTCOME_HEAD.match(line)
        if m:
            kind = m.group(1).lower()
        elif line in END_SECTIONS:
            kind = None
        elif kind:
            m = OUTCOME_LINE.match(line)
            if m:
                title = m.group(1).rstrip()
                title_c = title.rstrip(".,").rstrip()
                s = off + m.start(1)
                spans.append(dict(start=s, end=s + len(title_c), label="ENDPOINT", kind=kind))
                tf = m.group(2)
                tf_c = tf.strip().rstrip(".").strip()
                s = off + m.start(2) + (len(tf) - len(tf.lstrip()))
                days, every, through = TF[doc_id][tf_c]
                spans.append(dict(start=s, end=s + len(tf_c), label="SCHEDULE",
                                  days=sorted(days), every=every, through=through))
        off += len(line) + 1
    return spans


def main():
    docs = []
    for f in SRC:
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            if d.get("double"):
                docs.append(d)
    out = []
    for d in docs:
        text = d["text"]
        spans = []
        for label, q, attrs, kw in ANN[d["id"]]:
            s, e = locate(text, q, **kw)
            assert text[s:e] == q
            sp = dict(start=s, end=e, label=label)
            sp.update(attrs)
            spans.append(sp)
        spans += outcome_spans(d["id"], text)
        for sp in spans:
            for a in ATTRS[sp["label"]]:
                sp.setdefault(a, None)
        spans.sort(key=lambda x: (x["start"], x["end"], x["label"]))
        # duplicates = a locate error
        keys = [(x["start"], x["end"], x["label"]) for x in spans]
        dup = {k for k in keys if keys.count(k) > 1}
        if dup:
            sys.exit("duplicate spans in %s: %s" % (d["id"], [(k, text[k[0]:k[1]]) for k in dup]))
        out.append(dict(id=d["id"], text=text, spans=spans))
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote", OUT, len(out), "records")


if __name__ == "__main__":
    main()
