"""Every write about people: one function each, keyword arguments, one transaction.

Views, admin actions, commands and tests call these; none of them edits these records
directly. A refused change raises ``DomainError`` (``people.errors``) with a translatable
message.
"""

from people.errors import DomainError
from people.services.accounts import account_delete
from people.services.assignments import county_assignment_delete, county_assignment_save
from people.services.children import (
    child_anonymise,
    child_create,
    child_delete_by_guardian,
    child_fields_check,
    child_identity_set,
    child_update,
    privacy_consent_give,
)
from people.services.notifications import (
    notification_record,
    notification_resend,
    notification_send,
    notifications_sweep,
    notify_by_set,
)
from people.services.volunteers import (
    volunteer_apply,
    volunteer_approve,
    volunteer_decline,
    volunteer_request_info,
)

__all__ = [
    "DomainError",
    "account_delete",
    "notification_record",
    "notification_resend",
    "notification_send",
    "notifications_sweep",
    "notify_by_set",
    "child_anonymise",
    "child_create",
    "child_delete_by_guardian",
    "child_fields_check",
    "child_identity_set",
    "child_update",
    "county_assignment_delete",
    "county_assignment_save",
    "privacy_consent_give",
    "volunteer_apply",
    "volunteer_approve",
    "volunteer_decline",
    "volunteer_request_info",
]
