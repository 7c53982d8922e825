-- Issue 17: files attached to a message (a receipt's PDF). Their bytes go into outbox_inline_part, the
-- tenant's content-addressed part store, so a file attached to a whole send is stored once; each message
-- carries one line per file, "<sha256> <file name>", in the order they go into the message.
-- At most 10 files of at most 150 characters each: under 2,200 characters.
alter table outbox_content add column attachments varchar(4000);
