"""``python -m storyboarder`` does what the ``storyboarder`` command does."""

import sys

from storyboarder.cli import main

sys.exit(main())
