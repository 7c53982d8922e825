-- Issue 13: the DMARC page reads roll-ups kept at import time instead of every report row
-- (decision 0084). A report's rows all share its begin, and nearly every reporter sends one report a
-- day that begins at midnight UTC, so keying by the report's begin is a daily roll-up that still
-- answers "begin in [from, to)" exactly as the rows do. Filled here from the rows already stored.

-- Per report begin, source IP and reporter: what the sources table and the advisor show.
create table dmarc_rollup (
  tenant_id       bigint        not null references tenant (id) on delete cascade,
  domain_name     varchar(253)  not null,
  source_ip       varchar(45)   not null,
  begin_at        timestamp with time zone not null,
  reporter_org    varchar(255)  not null,
  messages        bigint        not null,
  dmarc_pass      bigint        not null,
  dkim_aligned    bigint        not null,
  spf_aligned     bigint        not null,
  quarantined     bigint        not null,
  rejected        bigint        not null,
  constraint dmarc_rollup_key primary key (tenant_id, domain_name, source_ip, begin_at, reporter_org)
);
-- Both indexes hold every column, so H2 answers from the index alone (no lookup of each row): a
-- period's sources in begin order, and one address's period in address order.
create index dmarc_rollup_period on dmarc_rollup (tenant_id, domain_name, begin_at, source_ip, reporter_org,
  messages, dmarc_pass, dkim_aligned, spf_aligned, quarantined, rejected);
create index dmarc_rollup_source on dmarc_rollup (tenant_id, domain_name, source_ip, begin_at, reporter_org,
  messages, dmarc_pass, dkim_aligned, spf_aligned, quarantined, rejected);

-- Per source IP, every report's messages summed: an upper bound of any period's, so the page can
-- leave out sources that cannot reach its top list.
create table dmarc_source_total (
  tenant_id       bigint        not null references tenant (id) on delete cascade,
  domain_name     varchar(253)  not null,
  source_ip       varchar(45)   not null,
  messages        bigint        not null,
  constraint dmarc_source_total_key primary key (tenant_id, domain_name, source_ip)
);
-- H2 reads it in order only for ORDER BY tenant_id, domain_name, messages DESC (all three named).
create index dmarc_source_total_volume on dmarc_source_total (tenant_id, domain_name, messages desc);

-- Per report begin and reporter: the trend, the reporters and the days reported. A report with no
-- rows still counts here (reports, messages 0), as it did in dmarc_report.
create table dmarc_day (
  tenant_id       bigint        not null references tenant (id) on delete cascade,
  domain_name     varchar(253)  not null,
  begin_at        timestamp with time zone not null,
  reporter_org    varchar(255)  not null,
  reports         bigint        not null,
  row_count       bigint        not null,
  messages        bigint        not null,
  dmarc_pass      bigint        not null,
  constraint dmarc_day_key primary key (tenant_id, domain_name, begin_at, reporter_org)
);

-- The newest report's policy: H2 reads one entry of this in order (ORDER BY all four, as written here).
create index dmarc_report_newest on dmarc_report (tenant_id, domain_name, begin_at desc, id desc);

insert into dmarc_rollup (tenant_id, domain_name, source_ip, begin_at, reporter_org, messages, dmarc_pass,
                          dkim_aligned, spf_aligned, quarantined, rejected)
select w.tenant_id, w.domain_name, w.source_ip, w.begin_at, p.reporter_org,
       sum(w.messages),
       sum(case when w.dkim_aligned or w.spf_aligned then w.messages else 0 end),
       sum(case when w.dkim_aligned then w.messages else 0 end),
       sum(case when w.spf_aligned then w.messages else 0 end),
       sum(case when w.disposition = 'quarantine' then w.messages else 0 end),
       sum(case when w.disposition = 'reject' then w.messages else 0 end)
from dmarc_row w join dmarc_report p on p.id = w.report_id
group by w.tenant_id, w.domain_name, w.source_ip, w.begin_at, p.reporter_org;

insert into dmarc_source_total (tenant_id, domain_name, source_ip, messages)
select tenant_id, domain_name, source_ip, sum(messages)
from dmarc_rollup
group by tenant_id, domain_name, source_ip;

insert into dmarc_day (tenant_id, domain_name, begin_at, reporter_org, reports, row_count, messages, dmarc_pass)
select p.tenant_id, p.domain_name, p.begin_at, p.reporter_org,
       count(*),
       coalesce(sum(x.row_count), 0),
       sum(p.messages),
       coalesce(sum(x.dmarc_pass), 0)
from dmarc_report p
left join (select report_id, count(*) as row_count,
                  sum(case when dkim_aligned or spf_aligned then messages else 0 end) as dmarc_pass
           from dmarc_row group by report_id) x on x.report_id = p.id
group by p.tenant_id, p.domain_name, p.begin_at, p.reporter_org;
