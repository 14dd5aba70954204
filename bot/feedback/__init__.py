"""Learning where the bot fails without keeping health data (issue 15).

`store.py`: votes ("Was this helpful?"), outcome counts (answered / fallback / escalated) and, only when
the deployer switches it on (UNANSWERED_CAPTURE), the scrubbed text of questions that were not answered.
`scrub.py`: removes identifiers (names, phones, emails, dates, ages, addresses, numbers) from a text.
Imports only bot.settings and bot.names, so actions, the web server and tools can all use it.
"""
