"""`python -m croydon_kpi` runs the croydon-kpi command."""

import sys

from croydon_kpi.publish.cli import main

sys.exit(main())
