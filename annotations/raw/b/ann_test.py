from h import *
A = {}

# test 9
_r = 'NCT03096782'
_drugs = ['rituximab', 'anti-thymocyte globulin', 'ATG', 'fludarabine', 'clofarabine', 'busulfan',
          'total body irradiation', 'TBI', 'melphalan', 'cyclophosphamide', 'mycofenolate mofetil',
          'tacrolimus', 'filgrastim-sndz', 'cord blood', 'chemotherapy']
_routes = [('IV', 'intravenous'), ('intravenously', 'intravenous'), ('orally', 'oral'), ('PO', 'oral'),
           ('subcutaneously', 'subcutaneous'), ('SC', 'subcutaneous')]
_idrugs = ['Anti-Thymocyte Globulin', 'Busulfan', 'Clofarabine', 'Cyclophosphamide', 'Filgrastim-sndz',
           'Fludarabine', 'Melphalan', 'Mycophenolate Mofetil', 'Rituximab', 'Tacrolimus',
           'Total-Body Irradiation', 'total body irradiation', 'Umbilical Cord Blood', 'cord blood']
def _block(s, e, names):
    out = []
    for d in names:
        out += allin(_r, d, s, e, lambda q, w: I(q, w))
    for q, rt in _routes:
        out += allin(_r, q, s, e, lambda q, w, rt=rt: R(q, w, rt))
    return out
A[_r] = [
    I('Umbilical Cord Blood', 0),
    I('Chemotherapy', 0),
    I('Radiation Therapy', 0),
    I('Cord Blood', 'Official Title: '),
    I('umbilical cord blood', 'This phase II trial studies how well an '),
    I('chemotherapy', 'works with '),
    I('radiation therapy', 'works with chemotherapy and '),
    I('chemotherapy', 'Giving '),
    I('total-body irradiation', 'Giving chemotherapy and '),
    I('donor umbilical cord blood', 0),
    I('umbilical cord blood cells', 0),
    I('cord blood', 'transplantation of cord blood'),
    I('expanded fucosylated cord blood', 0),
] + _block('OUTLINE: Patients', 'After completion of study treatment', _drugs) + [
    T('months 1, 3, 6, and 12', 0, [30, 90, 180, 360]),
    N('25', 'Enrollment: ', 25),
] + _block('\nArms\n', '\nInterventions\n', _drugs) + _block('\nInterventions\n', '\nPrimary Outcome Measures', _idrugs) + [
    E('Feasibility of cord blood infusion', 0, 'primary'),
    T('At 12 months after transplant', 0, [360]),
    E('Time to engraftment', '2. Time to engraftment', 'primary'),
    T('Up to 12 months after transplant', 0, [], None, 360),
    E('Disease-free survival', '1. Disease-free survival', 'secondary'),
    T('Up to12 months', 0, [], None, 360),
    E('Overall survival', '2. Overall survival', 'secondary'),
    T('Up to 12 months after transplant', 1, [], None, 360),
    E('Treatment-related mortality (TRM)', 0, 'secondary'),
    T('Up to 12 months after transplant', 2, [], None, 360),
]

# test 10
_r = 'NCT03047772'
A[_r] = [
    I('Autologous Bone Marrow Mesenchymal Stem Cells', 0),
    I('Atorvastatin', 0),
    C('Placebo', 'Double-blind Placebo'),
    I('Autologous Bone Marrow Mesenchymal Stem Cells', 1),
    I('Atorvastatin', 'Cells With Intensive Atorvastatin in Acute'),
    I('Atorvastatin', 'whether intensive '),
    R('intracoronary transfer', 0, 'intracoronary'),
    I('autologous bone marrow mesenchymal stem cells', 'intracoronary transfer of '),
    I('Atorvastatin', 'about the strategy with '),
    I('autologous bone marrow mesenchymal stem cells', 'improve the survival of implanted cells, '),
    I('autologous bone marrow mesenchymal stem cells', 'years of age who receive '),
    I('autologous bone marrow mesenchymal stem cells', 'These patients receive '),
    R('transplantation intracoronary', 0, 'intracoronary'),
    I('Atorvastatin', 'regular or high dose of '),
    T('baseline and during 12 months follow-up', 0, [0], None, 360),
    N('124', 'Enrollment: ', 124),
] + allin(_r, 'Atorvastatin', '\nArms\n', '\nInterventions\n', lambda q, w: I(q, w)) \
  + allin(_r, 'BMMSC', '\nArms\n', '\nInterventions\n', lambda q, w: I(q, w)) \
  + allin(_r, 'placebo', '\nArms\n', '\nInterventions\n', lambda q, w: C(q, w)) + [
    I('Atorvastatin', 'Intervention: Drug: Atorvastatin'),
    I('Atorvastatin', 'Routine dose of '),
    I('Atorvastatin', 'Intervention: Drug: Intensive Atorvastatin'),
    I('Atorvastatin', 'Intensive dose of '),
    I('BMMSC', 'Intervention: Drug: Low dose BMMSC'),
    I('autologous Bone Marrow Mesenchymal Stem Cells', 'Low dose autologous'),
    I('BMMSC', 'Intervention: Drug: Middle dose BMMSC'),
    I('autologous Bone Marrow Mesenchymal Stem Cells', 'Middle dose autologous'),
    I('BMMSC', 'Intervention: Drug: High dose BMMSC'),
    I('autologous Bone Marrow Mesenchymal Stem Cells', 'High dose autologous'),
    I('autologous Bone Marrow Mesenchymal Stem Cells', 'Optimal dose autologous'),
    E("Changes in left ventricular ejection fraction from baseline to 12 months'", 0, 'primary'),
    T('12 months', "' [Time Frame: ", [360]),
]

# test 11
_r = 'NCT02418325'
_long = 'Allogeneic Human Umbilical Cord Tissue-Derived Mesenchymal Stem Cells'
A[_r] = [
    I('Allogeneic Human UC-MSC', 0),
    I('Liberation Therapy', 0),
    I(_long, 0),
    I('UC-MSC', 'Official Title: '),
    I('Liberation Therapy', 1),
    # summary
    E('incidence of any treatment emergent/treatment associated adverse events', 0, 'primary'),
    T('prior to discharge and at 1, 3, 6 and 12 months post treatment', 0, [30, 90, 180, 360]),
    T('baseline, prior to discharge, 1 month, 3 months, 6 months and 12 months after treatment', 0, [0, 30, 90, 180, 360]),
    E('EDSS', 'based on the following: ', 'secondary'),
    E('29-item Multiple Sclerosis Impact Scale (MSIS-29)', 0, 'secondary'),
    E('MS Functional Composite (MSFC)', 0, 'secondary'),
    E('gadolinium-enhanced magnetic resonance imaging (MRI)', 0, 'secondary'),
    # description
    I('Wharton Jelly derived allogeneic MSCs', 0),
    R('intravenous administration', 'Method of administration and dose: ', 'intravenous'),
    D('50 million ' + _long, 0, 50e6, 50e6, 'cells'),
    I('UC-MSC', 'Method of administration and dose: '),
    R('intrathecal administration', 'Method of administration and dose: ', 'intrathecal'),
    I('UC-MSCs', 'Method of administration and dose: '),
    D('100 million', 'Method of administration and dose: ', 100e6, 100e6, 'cells'),
    I('liberation therapy', 'Method of administration and dose: '),
    R('intravenous', 'efficacy endpoints after super selective ', 'intravenous'),
    R('intrathecal administration', 'efficacy endpoints after super selective ', 'intrathecal'),
    I('allogeneic umbilical cord mesenchymal stem cells', 0),
    I('UC-MSC', 'allogeneic umbilical cord mesenchymal stem cells ('),
    N('69 patients', 0, 69),
    E('incidence of any treatment emergent/treatment associated adverse events', 1, 'other'),
    T('prior to discharge and at 1, 3, 6 and 12 months post treatment', 1, [30, 90, 180, 360]),
    E('EDSS', 'Clinical evaluations, including ', 'other'),
    E('29-item Multiple Sclerosis Impact Scale (MSIS-29)', 1, 'other'),
    T('baseline before stem cell mobilization, prior to discharge at 1, 3, 6 and 12 months after stem cell therapy', 0, [0, 30, 90, 180, 360]),
    E('MS Functional Composite (MSFC)', 1, 'other'),
    T('baseline before stem cell mobilization and at 12 months after stem cell therapy', 0, [0, 360]),
    E('Gadolinium enhanced MRI scans of the brain', 0, 'other'),
    T('baseline before therapy and then 12 months after stem cell therapy', 0, [0, 360]),
    T('baseline through 1 year', 0, [0], None, 365),
    T('month 1, month 3, month 6 and month 12 visits', 0, [30, 90, 180, 360]),
    N('69', 'Enrollment: ', 69),
    # arms
    I('AllogeneicHumanUmbilicalCordTissue-DerivedMesenchymalStemCells', 0),
    R('intravenous administration', 'Arm: Allogeneic', 'intravenous'),
    D('50 million ' + _long, 'Arm: Allogeneic', 50e6, 50e6, 'cells'),
    I('UC-MSC', 'Arm: Allogeneic'),
    R('intrathecal administration', 'Arm: Allogeneic', 'intrathecal'),
    I('UC-MSCs', 'Arm: Allogeneic'),
    D('100 million', 'Arm: Allogeneic', 100e6, 100e6, 'cells'),
    I('liberation therapy', 'Arm: Allogeneic'),
    I(_long, 'Intervention: Biological: '),
    I('Liberation therapy', 'Intervention: Other: '),
    # outcomes
    E('Proportion of patients with clinical improvement in EDSS score compared to baseline', 0, 'primary'),
    T('Up to 12 months', 0, [], None, 360),
    E('Proportion of patients with a change in either gadolinium enhancing or new T2-weighted lesions on brain MRI', 0, 'secondary'),
    T('12 months', '1. Proportion of patients with a change in either', [360]),
    E('Proportion of patients with reduction in T2 lesion volume on brain MRI', 0, 'secondary'),
    T('12 months', '2. Proportion of patients with reduction in T2', [360]),
    E('Proportion of patients with reduction in brain volume on MRI', 0, 'secondary'),
    T('12 months', '3. Proportion of patients with reduction in brain', [360]),
    E('Proportion of patients with clinical improvement in EDSS score compared to baseline', '4. Proportion', 'secondary'),
    T('3 months and 6 months', 0, [90, 180]),
    E('Proportion of patients with clinical improvement in MSIS score compared to baseline', 0, 'secondary'),
    T('3 months, 6 months and 12 months', '5. Proportion', [90, 180, 360]),
    E('Proportion of patients with clinical improvement in MSFC score compared to baseline', 0, 'secondary'),
    T('3 months, 6 months and 12 months', '6. Proportion', [90, 180, 360]),
    E('Proportion of patients with a change in mobility and leg function as measured by the 25 foot walking test', 0, 'secondary'),
    T('12 months', '7. Proportion', [360]),
    E('Proportion of patients with a change in upper extremity function as measured by the Nine Hole Peg Test', 0, 'secondary'),
    T('12 months', '8. Proportion', [360]),
    E('Proportion of patients with a change in cognitive function as measured by the Paced Auditory Serial Addition Test (PASAT)', 0, 'secondary'),
    T('12 months', '9. Proportion', [360]),
    E('Proportion of patients with reduced number of relapses or freedom from progression of disease', 0, 'secondary'),
    T('3 months, 6 months and 12 months', '10. Proportion', [90, 180, 360]),
]

# test 12
_r = 'NCT01343511'
A[_r] = [
    I('Stem Cell Therapy', 0),
    I('Stem Cell Therapy', 1),
    I('hUC-MSCs', 'In this study, the safety and efficacy of '),
    I('hCB-MNCs', 'In this study, the safety and efficacy of '),
    I('human cord blood mononuclear cells', 'To investigate the safety'),
    I('human umbilical cord mesenchymal stem cells', 'To investigate the safety'),
    N('37', 'Enrollment: ', 37),
    I('Rehabilitation', 'Arm: Rehabilitation plus hCB-MNCs treatment'),
    I('hCB-MNCs', 'Arm: Rehabilitation plus hCB-MNCs treatment'),
    I('rehabilitation therapy', 'Arm: Rehabilitation plus hCB-MNCs treatment'),
    I('human cord blood mononuclear cells', 'Arm: Rehabilitation plus hCB-MNCs treatment'),
    T('6 months follow-up', 'Arm: Rehabilitation plus hCB-MNCs treatment', [], None, 180),
    I('Rehabilitation', 'Arm: Rehabilitation plus hCB-MNCs and'),
    I('hCB-MNCs', 'Arm: Rehabilitation plus hCB-MNCs and'),
    I('hUC-MSCs', 'Arm: Rehabilitation plus hCB-MNCs and'),
    I('rehabilitation therapy', 'therapy (Experimental)\nParticipants will be given rehabilitation'),
    I('hCB-MNCs', 'plus combination of '),
    I('hUC-MSCs', 'plus combination of '),
    T('6 months follow-up', 'plus combination of ', [], None, 180),
    I('human cord blood mononuclear cells', 'Intervention: Biological: human cord blood mononuclear cells\nParticipants'),
    I('rehabilitation therapy', 'Intervention: Biological: human cord blood mononuclear cells\nParticipants'),
    I('hCB-MNCs', 'Intervention: Biological: human cord blood mononuclear cells\nParticipants'),
    I('human cord blood mononuclear cells', 'Intervention: Biological: human cord blood mononuclear cells and'),
    I('human umbilical cord mesenchymal stem cells', 'Intervention: Biological: human cord blood mononuclear cells and'),
    I('rehabilitation therapy', 'Participants will be given rehabilitation therapy plus and'),
    I('hCB-MNCs', 'rehabilitation therapy plus and '),
    I('hUC-MSCs', 'rehabilitation therapy plus and '),
    E('Childhood Autism Rating Scale，CARS', 0, 'primary'),
    T('6 months after treatment', 0, [180]),
    E('Clinical Global Impression Scale，CGI', 0, 'primary'),
    T('6 months after treatment', 1, [180]),
    E('Aberrant Behavior Checklist，ABC', 0, 'secondary'),
    T('6 months after treatment', 2, [180]),
    E('Adverse Event and Serious Adverse Event', 0, 'secondary'),
    T('6 months after treatment', 3, [180]),
]

# test 13
_r = 'NCT01453738'
_sec = ['Change from baseline in the WOMAC OA (Western Ontario and McMaster Universities Osteoarthritis) Index -pain subscale score',
        'Change from baseline in WOMAC OA stiffness index',
        'Change from baseline in WOMAC OA composite index',
        'Change from baseline in ICOAP (Intermittent and Constant Osteoarthritis Pain)',
        'Change from baseline in radiographic (X-ray) findings of knee',
        'Change from baseline in the WORMS score (Whole-Organ Magnetic Resonance Imaging Score) of knee using MRI',
        'Change from baseline in arthritis pain scores on the visual analogue scale',
        'Reduction in the intake of analgesic tablets from baseline']
A[_r] = [
    I('Allogeneic Mesenchymal Stem Cells', 0),
    C('Placebo', 'Multicentric, Placebo'),
    R('Intraarticular', 0, 'intra-articular'),
    I('Ex-vivo Cultured Adult Allogeneic Mesenchymal Stem Cells', 0),
    I('allogeneic mesenchymal stem cells', 0),
    N('60', 'Enrollment: ', 60),
    I('Ex- vivo cultured adult allogeneic MSCs', 0),
    R('intraarticular', 'Arm: Ex- vivo', 'intra-articular'),
    I('allogeneic MSCs', ('after', 'Arm: Ex- vivo cultured adult allogeneic MSCs (Experimental)\nSingle intraarticular dose of ')),
    D('2 ml', 'Arm: Ex- vivo', 2, 2, 'mL'),
    I('Hyaluronan', 'Arm: Ex- vivo'),
    C('Plasmalyte-A', 'Arm: Plasmalyte-A'),
    R('intraarticular', 'Arm: Plasmalyte-A', 'intra-articular'),
    C('Plasmalyte', ('after', 'Arm: Plasmalyte-A (Placebo Comparator)\nSingle intraarticular dose of 2ml ')),
    I('Ex- vivo cultured adult allogeneic MSCs', 1),
    R('intraarticular', 'Intervention: Biological: Ex- vivo', 'intra-articular'),
    I('allogeneic MSCs', ('after', 'Intervention: Biological: Ex- vivo cultured adult allogeneic MSCs\nSingle intraarticular dose of ')),
    D('2ml', 'followed by 2ml of Hyaluronan', 2, 2, 'mL'),
    I('Hyaluronan', 'followed by 2ml of Hyaluronan'),
    C('Plasmalyte-A', 'Intervention: Biological: Plasmalyte-A'),
    R('intraarticular', 'Intervention: Biological: Plasmalyte-A', 'intra-articular'),
    C('Plasmalyte', ('after', 'Intervention: Biological: Plasmalyte-A\nSingle intraarticular dose of 2ml ')),
    D('2ml', 'Plasmalyte followed by 2ml Hyaluronan', 2, 2, 'mL'),
    I('Hyaluronan', 'Plasmalyte followed by 2ml Hyaluronan'),
    E('Number and percentage of patients with adverse events as a measure of safety and tolerability', 0, 'primary'),
    T('2 years', 0, [730]),
]
for _k, _q in enumerate(_sec):
    A[_r] += [E(_q, 0, 'secondary'), T('2 years', _k + 1, [730])]

# test 14
_r = 'NCT02352077'
_sec = ['Improvements in Neurophysiological Measures omatosensory Evoked Potentials (SSEP) and Motor Evoked Potentials (MEP) monitoring will be assessed',
        'Improvements in ASIA Impairment Scale',
        'Improvements in Independence Measures and Quality of Life',
        'Improvements in Pain assessed based on Visual analog scale (VAS)',
        'Improvements in Urinary and Bowel Function assessed based on bladder pressure monitory before and after transplantation',
        'Changes at the Transplantation Site in Spinal Cord by Magnetic Resonance Imaging (MRI)']
A[_r] = [
    I('NeuroRegen Scaffold™', 0),
    I('Stem Cells', 0),
    I('NeuroRegen Scaffold™', 1),
    I('Bone Marrow Mononuclear Cells', 0),
    I('Mesenchymal Stem Cells', 0),
    I('NeuroRegen scaffold', 0),
    I('bone marrow mononuclear cells', 0),
    I('BMMCs', 0),
    I('mesenchymal stem cells', 0),
    I('MSCs', 0),
    N('30', 'Enrollment: ', 30),
    I('NeuroRegen Scaffold', 'Arm: '),
    I('BMMCs', 'Arm: '),
    I('MSCs', 'Arm: '),
    I('NeuroRegen scaffold', 'Intervention: Biological: '),
    I('BMMCs', 'Intervention: Biological: '),
    I('MSCs', 'Intervention: Biological: '),
    I('NeuroRegen Scaffold', 'will receive '),
    I('bone marrow mononuclear cells', 'will receive '),
    I('BMMCs', 'will receive '),
    I('mesenchymal stem cells', 'will receive '),
    I('MSCs', 'will receive '),
    I('comprehensive rehabilitation', 0),
    E('Safety Evaluation Number of patients with adverse events', 0, 'primary'),
    T('6 months', '1. Safety Evaluation', [180]),
]
for _k, _q in enumerate(_sec):
    A[_r] += [E(_q, 0, 'secondary'), T('12 months', '%d. ' % (_k + 1) + _q[:20], [360])]

# test 15
_r = 'NCT05147675'
A[_r] = [
    I('Cultured Allogeneic Adult Umbilical Cord Derived Mesenchymal Stem Cells', 0),
    I('Cultured Allogeneic Adult Umbilical Cord Derived Mesenchymal Stem Cells', 1),
    I('cultured allogeneic adult umbilical cord derived mesenchymal stem cells', 0),
    R('delivered intravenously', 0, 'intravenous'),
    R('intraarticularly', 0, 'intra-articular'),
    I('cultured allogeneic adult umbilical cord derived mesenchymal stem cells', 1),
    I('UC-MSCs', 0),
    R('intravenous infusion', 0, 'intravenous'),
    R('intraarticular injection', 0, 'intra-articular'),
    I('UC-MSCs', 1),
    D('100 million cells', 0, 100e6, 100e6, 'cells'),
    T('within one month pre treatment and at 1, 6, 12, 24, 36, and 48 months post treatment', 0, [0, 30, 180, 360, 720, 1080, 1440]),
    N('20', 'Enrollment: ', 20),
    I('AlloRx', 0),
    R('Intravenous infusion', 0, 'intravenous'),
    R('intraarticular injection', 1, 'intra-articular'),
    D('100 million cells', 1, 100e6, 100e6, 'cells'),
    I('AlloRx', 1),
    I('cultured allogeneic adult umbilical cord derived mesenchymal stem cells', 2),
    E('Safety (adverse events)', 0, 'primary'),
    T('Four year follow-up', 0, [], None, 1460),
    E('Efficacy: Single Assessment Numeric Evaluation Score (SANE)', 0, 'secondary'),
    T('Four year follow-up', 1, [], None, 1460),
]

# test 16
_r = 'NCT00225095'
_sec = [('Quality of Life Questionnaire', '2 years'), ('Visual Analog Scale (VAS)', None), ('Lysholm Knee Scale', '2 years'),
        ('Safety Assessment Adverse Event', '2 years'), ('Safety Assessment Immunological', '2 years'),
        ('Safety Assessment Laboratory', '2 years'), ('Safety Assessment Physical Exam', '2 years'),
        ('Safety Assessment Magnetic Resonance Imaging (MRI)', '2 years')]
A[_r] = [
    I('Chondrogen', 0),
    R('Intra-Articular Injection', 0, 'intra-articular'),
    I('Chondrogen', 'Official Title: '),
    I('Adult Universal Cell', 0),
    R('Intra-Articular Injection', 1, 'intra-articular'),
    I('Chondrogen', 'The purpose of this study is to determine whether '),
    S('the knee', 'post-operative treatment of ', 'knee'),
    I('Chondrogen', 'Detailed Description\n'),
    I('adult mesenchymal stem cells', 0),
    I('MSCs', 'adult mesenchymal stem cells ('),
    C('placebo', 'will receive placebo'),
    I('Chondrogen', 'one of two possible doses of '),
    N('60', 'Enrollment: ', 60),
    I('Chondrogen', 'Arm: Chondrogen - dose 1'),
    I('Chondrogen', ('after', 'Arm: Chondrogen - dose 1 (Active Comparator)\n')),
    D('50 million cells', 0, 50e6, 50e6, 'cells'),
    I('Chondrogen', 'Arm: Chondrogen - dose 2'),
    I('Chondrogen', ('after', 'Arm: Chondrogen - dose 2 (Active Comparator)\n')),
    D('150 million cells', 0, 150e6, 150e6, 'cells'),
    C('Vehicle Control', 'Arm: Vehicle Control'),
    C('Vehicle Control', ('after', 'Arm: Vehicle Control (Other)\n')),
    I('Mesenchymal Stem Cells', 'Intervention: Drug: Mesenchymal'),
    C('Hyaluronan', 'Intervention: Drug: Hyaluronan'),
    E('Meniscal Volume', '1. Meniscal Volume', 'primary'),
    T('6 months', '1. Meniscal Volume', [180]),
]
for _k, (_q, _tf) in enumerate(_sec):
    A[_r].append(E(_q, '%d. %s' % (_k + 1, _q), 'secondary'))
    if _tf:
        A[_r].append(T(_tf, '%d. %s' % (_k + 1, _q), [730]))
A[_r].append(T('Baseline to 2 years', 0, [0], None, 730))

# test 17
_r = 'NCT04951882'
A[_r] = [
    I('hUC-MSCs', 0),
    I('Human Umbilcal Cord Derived Mesenchyamal Stem Cells', 0),
    R('intravenous injection', 0, 'intravenous'),
    I('hUC-MSCs', 'intravenous injection of '),
    C('vehicle', 'control group: patients were treated with '),
    C('Albumin', 'control group: patients were treated with '),
    C('standard Therapies', 0),
    N('30', 'Enrollment: ', 30),
    I('hUC-MSCs', 'Arm: hUC'),
    I('hUC-MSCs', 'treated by suspention of '),
    C('standard therapies', 'treated by suspention of '),
    C('non-cell therapy', 0),
    C('vehicle', 'Patients of acute lung injury will be treated by vehicle'),
    C('albumin', 'Patients of acute lung injury will be treated by vehicle'),
    C('standard therapies', 'Patients of acute lung injury will be treated by vehicle'),
    I('human derived umbilical cord derived mesenchymal stem cells', 0),
    R('intravenous transplantation', 0, 'intravenous'),
    I('human derived umbilical cord derived mesenchymal stem cells', 1),
]
_oc = [('Primary Outcome Measures', 'primary', [('PaO2/FiO2', d) for d in (3, 7, 14, 28)]),
       ('Secondary Outcome Measures', 'secondary', [('the days of ventialtion and hospital stay', d) for d in (3, 7, 14, 28)]),
       ('Other Outcome Measures', 'other', [('IL-6', d) for d in (1, 7, 14, 28)] + [('IL-8', d) for d in (1, 7, 14, 28)] + [('TNF-a', d) for d in (3, 7, 14, 28)])]
for _h, _kind, _items in _oc:
    for _k, (_q, _d) in enumerate(_items):
        _line = '%d. %s [Time Frame: Day %d]' % (_k + 1, _q, _d)
        # each numbered line (number + title + time frame) is unique in the document
        A[_r].append(E(_q, _line, _kind))
        A[_r].append(T('Day %d' % _d, _line, [_d]))
