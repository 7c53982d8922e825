-- Issue 15: the agency's accent colour on its invoices and white-label client reports.
alter table billing_settings add column accent_color varchar(7) default '#2563EB' not null;
