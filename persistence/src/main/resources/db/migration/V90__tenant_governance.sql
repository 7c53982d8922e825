-- Issue 16: escalation (restrict, suspend, ban), the automatic-pause policy and probation sampling, one row per
-- tenant someone set anything for. A missing row means: not escalated, pause policy "none", no sampling setting.
-- The outbox's claim reads this table in its own transaction (see decision 0058).
create table tenant_governance (
  tenant_id        bigint        not null primary key references tenant (id) on delete cascade,
  -- RESTRICTED, SUSPENDED or BANNED; null when nothing is escalated
  level            varchar(12),
  daily_cap        int,
  reason           varchar(1000),
  set_by           varchar(200),
  set_at           timestamp with time zone,
  -- true when the automatic-pause policy set the level, not a person
  automatic        boolean       not null default false,
  pause_policy     varchar(10)   not null default 'NONE',
  pause_min_sent   int           not null default 500,
  pause_window     int           not null default 7,
  -- 1 in N sent messages kept for review while the tenant is on probation; null: the default
  review_one_in    int
);

-- Sent messages kept for content review during probation: the outbox row is the copy (its content is kept with it).
create table review_sample (
  tenant_id    bigint      not null references tenant (id) on delete cascade,
  message_pk   bigint      not null references outbox_message (id) on delete cascade,
  kept_at      timestamp with time zone not null,
  reviewed_by  varchar(200),
  reviewed_at  timestamp with time zone,
  review_note  varchar(1000),
  constraint review_sample_pk primary key (tenant_id, message_pk)
);
create index review_sample_kept on review_sample (tenant_id, kept_at);
