-- Issue 13: a complaint read from an RFC 5965 feedback report keeps the report's fields, one row per
-- complaint event (its id), so that the complaint's detail can show them after a restart. The event's
-- tenant is repeated so that every read filters by tenant; deleting the event (retention) or the tenant
-- deletes the row. Fields that repeat (Reported-Domain, Reported-URI, Authentication-Results,
-- Original-Rcpt-To) hold their values one per line: at most 10 values of at most 1000 characters each
-- (ComplaintReport's bounds).
create table complaint_report (
  event_id               bigint        not null primary key references event (id) on delete cascade,
  tenant_id              bigint        not null references tenant (id) on delete cascade,
  feedback_type          varchar(1000) not null,
  user_agent             varchar(1000),
  arf_version            varchar(1000),
  source_ip              varchar(1000),
  arrival_date           varchar(1000),
  arrived_at             timestamp with time zone,
  reported_domains       varchar(10010),
  reported_uris          varchar(10010),
  authentication_results varchar(10010),
  original_mail_from     varchar(1000),
  original_rcpt_to       varchar(10010),
  original_envelope_id   varchar(1000),
  reporting_mta          varchar(1000),
  incidents              integer
);
create index complaint_report_tenant on complaint_report (tenant_id);
