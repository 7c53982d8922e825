package dev.mailroom.mailer.providers;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * One HTTP client for every provider adapter: timeouts, a bounded body, and failures in words that say
 * whether the request could have arrived. Thread-safe.
 */
public final class ApiCall {
    /** A provider answer larger than this is refused rather than read into memory. */
    public static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;

    public ApiCall(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    public static ApiCall defaults() {
        return new ApiCall(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** A request builder with the timeout, and HTTP/1.1 for a plain-HTTP (local) address. */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout);
        if ("http".equals(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1);
        }
        return b;
    }

    /** Sends and reads the whole answer. {@code provider} names it in messages ("SendGrid"). */
    public ApiResponse exchange(String provider, HttpRequest request) throws ApiCallFailure {
        String host = request.uri().getHost();
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    throw new ApiCallFailure(
                            provider + " sent an answer larger than " + (MAX_BODY >> 20)
                                    + " MB; Mailroom stopped reading it.",
                            true,
                            null);
                }
                return new ApiResponse(r.statusCode(), r.headers(), new String(body, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ApiCallFailure(
                        "The connection to " + provider + " (" + host + ") broke while its answer was arriving" + " ("
                                + shortReason(e) + ").",
                        true,
                        e);
            }
        } catch (HttpConnectTimeoutException e) {
            throw new ApiCallFailure(
                    "No connection to " + provider + " (" + host + ") in time: check this computer's network.",
                    false,
                    e);
        } catch (HttpTimeoutException e) {
            throw new ApiCallFailure(
                    provider + " (" + host + ") did not answer within " + requestTimeout.toSeconds()
                            + " s; it may be slow or overloaded.",
                    true,
                    e);
        } catch (ConnectException e) {
            throw new ApiCallFailure(
                    "Nothing answered at " + host + ": the connection was refused or the network is down.", false, e);
        } catch (IOException e) {
            if (find(e, UnknownHostException.class)) {
                throw new ApiCallFailure(
                        "Mailroom could not find " + host + " in DNS: check this computer's network.", false, e);
            }
            if (find(e, SSLException.class)) {
                throw new ApiCallFailure(
                        "The secure connection to " + host + " failed (" + shortReason(e) + ").", false, e);
            }
            throw new ApiCallFailure(
                    "The connection to " + provider + " (" + host + ") broke (" + shortReason(e) + ").", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallFailure("Stopped while waiting for " + provider + ".", true, e);
        }
    }

    private static String shortReason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.strip();
        return m.length() > 200
                ? m.substring(0, 200) + "…"
                : m.toLowerCase(Locale.ROOT).equals(m) ? m : m;
    }

    private static boolean find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
