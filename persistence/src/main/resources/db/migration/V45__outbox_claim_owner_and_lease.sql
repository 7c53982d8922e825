-- Issue 17: who holds a claim, and until when.
-- claim_owner is the sending console's instance id, written with the claim. A console renews its lease
-- in outbox_sender while it sends; at start (and at each drain) a console takes over only the claims
-- whose owner's lease ran out — never those of a console sending right now on the same PostgreSQL store.
-- Rows claimed before this migration have no owner; found unfinished, they are treated as in doubt.
alter table outbox_message add column claim_owner varchar(36);

create table outbox_sender (
  instance_id  varchar(36) not null primary key,
  lease_until  timestamp with time zone not null
);
