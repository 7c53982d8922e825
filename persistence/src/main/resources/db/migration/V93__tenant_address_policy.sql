-- Issue 14: what happens to messages to risky addresses (SEND, HOLD or DROP), one row per tenant someone set it
-- for. A missing row means the default, HOLD (see decision 0048).
create table tenant_address_policy (
  tenant_id   bigint        not null primary key references tenant (id) on delete cascade,
  risky       varchar(10)   not null,
  set_by      varchar(200),
  set_at      timestamp with time zone
);
