package dev.mailroom.model.domains;

/**
 * One tenant's DNS at a glance, from the latest check of each record: how many sending domains, how
 * many records are not as expected, how many of those broke (found before, not now), and how many
 * domain blocklists list one of its domains at their latest check.
 */
public record DnsHealth(int domains, int checkedRecords, int problems, int broke, int listed) {
    public boolean checked() {
        return checkedRecords > 0;
    }
}
