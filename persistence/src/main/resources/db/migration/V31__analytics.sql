-- Issue 7, analytics: two more roll-ups kept current by the event store's append.

-- Per tenant and UTC day, one column per event type. The agency overview sums about 30 rows per
-- tenant from here: 500 tenants are 15,000 narrow rows, where event_daily would give 10x as many.
create table tenant_daily (
  tenant_id     bigint not null references tenant (id) on delete cascade,
  event_day     date   not null,
  queued        bigint not null default 0,
  sent          bigint not null default 0,
  delivered     bigint not null default 0,
  deferred      bigint not null default 0,
  soft_bounce   bigint not null default 0,
  hard_bounce   bigint not null default 0,
  opened        bigint not null default 0,
  clicked       bigint not null default 0,
  complained    bigint not null default 0,
  unsubscribed  bigint not null default 0,
  rejected      bigint not null default 0,
  -- Day first: the overview reads a range of days across all tenants, a contiguous run of the
  -- primary key with no second index to look rows up through (and none to keep current on ingest).
  primary key (event_day, tenant_id)
);

-- Bounces and deferrals per tenant, sending domain, UTC day, recipient domain and reason (the
-- enhanced status code, else the SMTP reply): top bouncing domains and deferral reasons read this.
create table event_reason_daily (
  tenant_id         bigint        not null references tenant (id) on delete cascade,
  event_day         date          not null,
  domain_name       varchar(253)  not null,
  event_type        varchar(20)   not null,
  recipient_domain  varchar(253)  not null,
  reason            varchar(16)   not null,
  event_count       bigint        not null,
  primary key (tenant_id, event_day, domain_name, event_type, recipient_domain, reason)
);

-- Stores that already hold events get their per-tenant numbers from the existing roll-up.
insert into tenant_daily (tenant_id, event_day, queued, sent, delivered, deferred, soft_bounce, hard_bounce, opened,
                          clicked, complained, unsubscribed, rejected)
select tenant_id, event_day,
       sum(case when event_type = 'QUEUED' then event_count else 0 end),
       sum(case when event_type = 'SENT' then event_count else 0 end),
       sum(case when event_type = 'DELIVERED' then event_count else 0 end),
       sum(case when event_type = 'DEFERRED' then event_count else 0 end),
       sum(case when event_type = 'SOFT_BOUNCE' then event_count else 0 end),
       sum(case when event_type = 'HARD_BOUNCE' then event_count else 0 end),
       sum(case when event_type = 'OPENED' then event_count else 0 end),
       sum(case when event_type = 'CLICKED' then event_count else 0 end),
       sum(case when event_type = 'COMPLAINED' then event_count else 0 end),
       sum(case when event_type = 'UNSUBSCRIBED' then event_count else 0 end),
       sum(case when event_type = 'REJECTED' then event_count else 0 end)
from event_daily
group by tenant_id, event_day;
