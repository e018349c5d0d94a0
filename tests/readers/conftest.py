import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the furnished corpus is shared with benchmarks/extraction.py
