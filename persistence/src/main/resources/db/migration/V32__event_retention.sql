-- Issue 7, retention: raw events older than this many days may be dropped (the roll-ups stay).
alter table agency add column event_retention_days int not null default 400;
