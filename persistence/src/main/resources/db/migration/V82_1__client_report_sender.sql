-- Issue 15: client reports can be e-mailed to each client's contact "through the agency's own connection":
-- the agency names one client (often itself, set up as a client) whose connection and verified domain
-- send them. Cleared when that client or connection goes.
alter table billing_settings add column report_tenant_id bigint references tenant (id) on delete set null;
alter table billing_settings add column report_connection_id bigint references smtp_connection (id) on delete set null;
alter table billing_settings add column report_from_address varchar(254);
alter table billing_settings add column report_from_name varchar(200);
