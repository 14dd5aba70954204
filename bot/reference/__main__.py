"""`python -m bot.reference build` or `python -m bot.reference "caller's words"` (bot.reference.book)."""
import sys

from bot.reference.book import main

sys.exit(main())
