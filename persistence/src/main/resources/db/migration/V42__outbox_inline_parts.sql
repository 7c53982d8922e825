-- Issue 17: inline parts (a template's logo, shown by cid:) go out with the message. They are stored
-- once per tenant by content address (SHA-256 of media type and bytes): a campaign to 10,000 recipients
-- stores its logo once, and each message carries only "content-id sha256" lines in outbox_content,
-- which is written per message anyway (no extra row per message).
create table outbox_inline_part (
  tenant_id   bigint        not null references tenant (id) on delete cascade,
  sha256      varchar(64)   not null,
  media_type  varchar(100)  not null,
  bytes       bytea         not null,
  created_at  timestamp with time zone not null,
  constraint outbox_inline_part_pk primary key (tenant_id, sha256)
);

-- One line per part: "<content-id> <sha256>", in the order the parts go into the message.
alter table outbox_content add column inline_parts varchar(4000);
