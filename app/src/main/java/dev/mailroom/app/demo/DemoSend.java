package dev.mailroom.app.demo;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.domains.JooqDomainStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The screenshot hooks {@code --page send-dialog} and {@code --page outbox-sent}: a send from Able Moose's
 * warming-up mailbox through a {@link DemoRelay} that stalls part-way, so a send in progress can be seen.
 * Sixteen recipients: the mailbox's plan allows ten today (six wait for tomorrow), one is an unknown
 * user, and the relay answers four messages before it holds the rest.
 */
public final class DemoSend {
    public static final String FROM = "hello@tryablemoose.com";

    private DemoSend() {}

    /**
     * The demo's domains are fictional, so their DKIM records are never found in DNS and no key could start
     * signing the normal way: for this hook only, the domain's first RSA key signs.
     */
    private static void signWithFirstKey(Services s, TenantId tenant, String domain) {
        JooqDomainStore domains = new JooqDomainStore(s.store().transactions());
        s.store()
                .transactions()
                .run(() -> domains.list(tenant).stream()
                        .filter(d -> d.name().ascii().equals(domain))
                        .findFirst()
                        .ifPresent(d -> domains.keys(tenant, d.id()).stream()
                                .filter(k -> k.algorithm() == DkimAlgorithm.RSA)
                                .findFirst()
                                .ifPresent(k -> domains.setKeyState(
                                        tenant, d.id(), k.selector(), DkimKeyState.SIGNING, Optional.empty()))));
    }

    /** A connection to a new stalling relay, and the request the send dialog is filled with. */
    public static SendRequest prepare(Services s, Actor actor, TenantId tenant) {
        signWithFirstKey(s, tenant, OutboxMessage.domainOf(FROM));
        DemoRelay relay;
        try {
            relay = DemoRelay.start(4);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo relay could not listen on 127.0.0.1", e);
        }
        Connection c = s.connections()
                .create(
                        actor,
                        tenant,
                        new ConnectionDraft(
                                "Demo relay (loopback)",
                                SendingEnvironment.PRODUCTION,
                                "127.0.0.1",
                                relay.port(),
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                Optional.empty(),
                                "mailroom.brightwave.example",
                                1,
                                0));
        List<String> names = List.of(
                "avery.chen",
                "nobody",
                "blake.osei",
                "casey.ng",
                "devon.park",
                "emery.rossi",
                "finley.haas",
                "gray.ito",
                "harper.diaz",
                "indigo.moss",
                "jules.berg",
                "kai.novak",
                "lane.ortiz",
                "morgan.lake",
                "noel.quinn",
                "oakley.reed");
        List<String> to = IntStream.range(0, names.size())
                .mapToObj(i -> names.get(i) + "@example.com")
                .toList();
        return new SendRequest(
                tenant,
                c.id(),
                FROM,
                "Able Moose",
                to,
                "Your spring catalogue is here",
                "Hello,\n\nOur spring catalogue is out: twelve new trail packs, and free shipping until Friday.\n\n"
                        + "The Able Moose team",
                Optional.empty(),
                true,
                Optional.empty());
    }
}
