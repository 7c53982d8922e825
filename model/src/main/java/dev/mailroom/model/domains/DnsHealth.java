package dev.mailroom.model.domains;

/**
 * One tenant's DNS at a glance, from the latest check of each record: how many sending domains, how
 * many records are not as expected, and how many of those broke (found before, not now).
 */
public record DnsHealth(int domains, int checkedRecords, int problems, int broke) {
    public boolean checked() {
        return checkedRecords > 0;
    }
}
