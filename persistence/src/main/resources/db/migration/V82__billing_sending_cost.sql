-- Issue 15: what the agency pays a month for a client's sending (its provider plan or relay), for the
-- billed-against-cost margin. One row per client; no row means "not set".
create table billing_sending_cost (
  tenant_id         bigint         not null primary key references tenant (id) on delete cascade,
  currency          varchar(3)     not null,
  monthly_price     numeric(20, 6) not null,
  included_emails   bigint         not null,
  overage_per_1000  numeric(20, 6) not null,
  updated_at        timestamp with time zone not null
);
