"""The content editors' page (issue 15, part 3): unanswered questions grouped by similarity, helpfulness
by topic, weekly fallback and escalation rates, topics by review age, and the YAML snippet that adds a
group's questions to a topic. Served by bot.serve.web at /editors/ behind EDITORS_TOKEN (routes.py)."""
