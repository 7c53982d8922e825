-- Issue 7, the overview under 20 ms: tenant_daily keyed by one BIGINT.
-- H2 keeps a table's rows in the order of its primary key only when that key is a single BIGINT
-- column; any other key is a second index, and a range of it costs one more look-up per row. The
-- overview reads 30 days of every tenant, so day_tenant puts the day first: the UTC day as yyyymmdd,
-- times 2^32, plus the tenant id (JooqEventStore.dayTenant). tenant_id and event_day stay as columns
-- for the foreign key (a purged tenant's rows go with it) and for reading.
create table tenant_daily_by_key (
  day_tenant    bigint not null primary key,
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
  rejected      bigint not null default 0
);

insert into tenant_daily_by_key (day_tenant, tenant_id, event_day, queued, sent, delivered, deferred, soft_bounce,
                                 hard_bounce, opened, clicked, complained, unsubscribed, rejected)
select (cast(extract(year from event_day) as bigint) * 10000 + cast(extract(month from event_day) as bigint) * 100
          + cast(extract(day from event_day) as bigint)) * 4294967296 + tenant_id,
       tenant_id, event_day, queued, sent, delivered, deferred, soft_bounce, hard_bounce, opened, clicked, complained,
       unsubscribed, rejected
from tenant_daily;

drop table tenant_daily;
alter table tenant_daily_by_key rename to tenant_daily;
