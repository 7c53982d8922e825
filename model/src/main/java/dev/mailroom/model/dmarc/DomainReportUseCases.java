package dev.mailroom.model.dmarc;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * What a screen asks of one kind of report kept per domain (DMARC aggregate, SMTP TLS): the same three
 * use cases, so one screen section serves both.
 *
 * @param <V> what is shown for one domain over a period
 * @param <D> the file decoder the kind of report needs
 */
public interface DomainReportUseCases<V, D> {
    /** The client's domains that have reports of this kind. */
    List<String> domains(Actor actor, TenantId tenant);

    /** A domain's picture over the last {@code days} days. */
    V domain(Actor actor, TenantId tenant, String domain, int days);

    /** Reads report files and imports what they hold; {@code progress} gets the files read so far. */
    DmarcImportSummary importFiles(
            Actor actor,
            Optional<TenantId> scope,
            List<Path> files,
            D decoder,
            IntConsumer progress,
            Cancellation cancel);
}
