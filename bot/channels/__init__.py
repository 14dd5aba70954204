"""Caregivers' messaging channels: Telegram, Twilio (SMS and WhatsApp) and Facebook Messenger.

Each is a Rasa custom connector (`bot.channels.<platform>.<Name>Input`) switched on by environment
variables (`bot.channels.config`), written into the effective credentials file by `bot.serve.supervisor`.
What they share lives in `formatting` (buttons as numbered options, splitting long answers at
sentence boundaries, links as plain URLs), `options` (per-sender pending numbered options) and
`base` (signature-checked webhook -> Rasa -> platform API, with retries and no message text in logs).
"""
