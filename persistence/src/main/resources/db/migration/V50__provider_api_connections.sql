-- Issue 12: a connection can be a provider's HTTP API (MailerSend, SendGrid) instead of an SMTP relay.
-- The API key is sealed in password_sealed exactly like a relay password (AES-256-GCM, key outside the
-- database); host/port describe the API's address so that every existing reader still finds values.
alter table smtp_connection add column kind varchar(16) default 'SMTP_RELAY' not null;
-- SendGrid: the subuser a parent account's key acts for (the on-behalf-of header).
alter table smtp_connection add column on_behalf_of varchar(64);
-- An API address other than the provider's own (a regional endpoint); null for the provider's default.
alter table smtp_connection add column api_base_url varchar(500);
