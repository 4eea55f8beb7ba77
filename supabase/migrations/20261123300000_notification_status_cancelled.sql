-- A notification that must not go out any more (its recipient turned that kind of message off, or the
-- intern's personal data was erased before it left) is cancelled rather than deleted, so that the outbox keeps
-- its history. Added in a migration of its own: a new enum value can be used only once this has committed.
alter type public.notification_status add value if not exists 'cancelled';
