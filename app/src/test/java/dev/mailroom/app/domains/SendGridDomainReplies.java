package dev.mailroom.app.domains;

import dev.mailroom.mailer.providers.ApiStub;

/**
 * SendGrid's answers about one authenticated domain, acme-mail.com (id 302183), shaped as its API documents
 * them (the mailer's ProviderDomainServiceTest checks the requests against SendGrid's spec): for the tests
 * that drive the provider section from the view model and from the command line.
 */
public final class SendGridDomainReplies {
    public static final String ACME_MAIL =
            "{\"id\":302183,\"user_id\":7,\"subdomain\":\"em\",\"domain\":\"acme-mail.com\","
                    + "\"username\":\"acme\",\"ips\":[],\"custom_spf\":false,\"default\":false,\"legacy\":false,"
                    + "\"automatic_security\":true,\"valid\":false,\"dns\":{"
                    + "\"mail_cname\":{\"valid\":false,\"type\":\"cname\",\"host\":\"em.acme-mail.com\",\"data\":\"u7.wl.sendgrid.net\"},"
                    + "\"dkim1\":{\"valid\":false,\"type\":\"cname\",\"host\":\"s1._domainkey.acme-mail.com\","
                    + "\"data\":\"s1.domainkey.u7.wl.sendgrid.net\"},"
                    + "\"dkim2\":{\"valid\":false,\"type\":\"cname\",\"host\":\"s2._domainkey.acme-mail.com\","
                    + "\"data\":\"s2.domainkey.u7.wl.sendgrid.net\"}}}";

    /** What SendGrid says when asked to validate acme-mail.com: the DKIM records found, the return path not. */
    public static final String VALIDATED_BUT_RETURN_PATH = "{\"id\":302183,\"valid\":false,\"validation_results\":{"
            + "\"mail_cname\":{\"valid\":false,\"reason\":\"Expected CNAME for em.acme-mail.com to "
            + "match u7.wl.sendgrid.net.\"},\"dkim1\":{\"valid\":true,\"reason\":null},"
            + "\"dkim2\":{\"valid\":true,\"reason\":null}}}";

    /** The status words Mailroom keeps for {@link #VALIDATED_BUT_RETURN_PATH}. */
    public static final String VALIDATED_BUT_RETURN_PATH_WORDS =
            "SendGrid: not verified yet (Return path not verified). Expected CNAME for "
                    + "em.acme-mail.com to match u7.wl.sendgrid.net.";

    private SendGridDomainReplies() {}

    /** Another domain of the same account under another id and name. */
    public static String other(String id, String name) {
        return ACME_MAIL.replace("302183", id).replace("acme-mail.com", name);
    }

    /**
     * The account lists {@code listed} (a JSON array); creating acme-mail.com, reading it and validating it
     * answer as SendGrid does.
     */
    public static void serveAcmeMail(ApiStub stub, String listed) {
        stub.on("GET", "/v3/whitelabel/domains", r -> ApiStub.Reply.json(200, listed));
        stub.on("POST", "/v3/whitelabel/domains", r -> ApiStub.Reply.json(201, ACME_MAIL));
        stub.on("GET", "/v3/whitelabel/domains/302183", r -> ApiStub.Reply.json(200, ACME_MAIL));
        stub.on(
                "POST",
                "/v3/whitelabel/domains/302183/validate",
                r -> ApiStub.Reply.json(200, VALIDATED_BUT_RETURN_PATH));
    }
}
