"""``python -m extractor.evaluation evaluate|agree|convert ...``."""

import sys

from extractor.evaluation.commands import main

sys.exit(main())
