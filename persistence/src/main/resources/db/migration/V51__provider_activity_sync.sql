-- Issue 12: each provider API connection's activity sync. The cursor is the adapter's own text (where the
-- next page starts); it is saved in the same transaction as the events of the page before it.
create table provider_sync (
  connection_id    bigint        not null primary key references smtp_connection (id) on delete cascade,
  tenant_id        bigint        not null references tenant (id) on delete cascade,
  activity_cursor  varchar(4000) not null,
  last_sync_at     timestamp with time zone,
  last_success_at  timestamp with time zone,
  next_sync_at     timestamp with time zone,
  last_error       varchar(2000),
  failures         int           not null,
  events_recorded  bigint        not null
);
create index provider_sync_tenant on provider_sync (tenant_id);

-- The provider events already recorded, by the provider's own identity: pulling a page twice records
-- nothing twice. Rows go with their connection.
create table provider_event_seen (
  connection_id    bigint        not null references smtp_connection (id) on delete cascade,
  tenant_id        bigint        not null references tenant (id) on delete cascade,
  event_key        varchar(200)  not null,
  seen_at          timestamp with time zone not null,
  primary key (connection_id, event_key)
);
create index provider_event_seen_tenant on provider_event_seen (tenant_id);
