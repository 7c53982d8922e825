-- Why a bounce happened (user-unknown, mailbox-full, spam…; BounceReason keys, decision 0070),
-- kept with the event. Roll-ups of bounces written from now on use the same key as their reason;
-- older bounce roll-ups keep their status code, which the analytics read as a reason.
alter table event add column bounce_reason varchar(16);
