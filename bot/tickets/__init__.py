"""Care-team tickets: a durable store, an outbox notifier (signed webhook, email) and care-team tools.

```python
from bot.tickets import TicketService, TicketRequest, Ticket, TicketStoreError
service = TicketService.from_env()
ticket = service.file(TicketRequest(tier="urgent", category="jaw_osteonecrosis", channel="rest",
                                    conversation_id=sender, contact=None, trigger_message=text,
                                    recent_messages=last_user_messages))
ticket.reference   # "BH-7K3QX9"; TicketStoreError if the store cannot be written
```

Modules: `records` (tickets, requests, deliveries as plain data), `schema` (the tables), `store`
(the queries and the outbox), `notify` (webhook and SMTP), `service`
(TicketService and the delivery worker), `api` (GET /api/tickets for bot.serve.web), `__main__` (the
care-team CLI: `python -m bot.tickets list|show|ack|close|deliver`).
"""

from bot.tickets.records import (
    STATUSES,
    TIERS,
    Delivery,
    Ticket,
    TicketNotFound,
    TicketRequest,
    TicketStoreError,
    normalise_reference,
)
from bot.tickets.service import DeliveryWorker, TicketService

__all__ = [
    "TicketService",
    "TicketRequest",
    "Ticket",
    "TicketStoreError",
    "TicketNotFound",
    "Delivery",
    "DeliveryWorker",
    "TIERS",
    "STATUSES",
    "normalise_reference",
]
