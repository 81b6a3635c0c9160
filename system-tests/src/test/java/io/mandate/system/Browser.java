package io.mandate.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user's browser as far as the authorization server's pages need one: cookies kept, redirects
 * followed within the issuer and the other sites it is given, such as an identity provider (a
 * redirect anywhere else, such as the client's redirect URI, is where the walk stops, because no
 * client listens there), forms read from the HTML with their
 * hidden fields (CSRF token included) and submitted.
 */
final class Browser {

    /** A page or the redirect that left the issuer. */
    record Page(int status, URI uri, String body, URI leftTo) {

        /** The form with this {@code id} attribute (a page of another site, such as the identity provider's). */
        Form formWithId(String id) {
            Matcher forms = Pattern.compile("<form([^>]*)>(.*?)</form>", Pattern.DOTALL).matcher(body);
            while (forms.find()) {
                if (id.equals(Form.attribute(forms.group(1), "id"))) {
                    return Form.parse(uri.resolve(Form.attribute(forms.group(1), "action")), forms.group(2));
                }
            }
            throw new AssertionError("no form " + id + " on " + uri + ":\n" + body);
        }

        /** The address of the link whose text is exactly this. */
        URI link(String text) {
            Matcher links = Pattern.compile("<a[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", Pattern.DOTALL).matcher(body);
            while (links.find()) {
                if (unescape(links.group(2)).strip().equals(text)) {
                    return uri.resolve(unescape(links.group(1)));
                }
            }
            throw new AssertionError("no link \"" + text + "\" on " + uri + ":\n" + body);
        }

        Form form(String action) {
            Matcher forms = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL)
                    .matcher(body);
            while (forms.find()) {
                if (unescape(forms.group(1)).equals(action)) {
                    return Form.parse(uri.resolve(unescape(forms.group(1))), forms.group(2));
                }
            }
            throw new AssertionError("no form to " + action + " on " + uri + ":\n" + body);
        }

        /** A query parameter of the address the issuer sent the browser to. */
        String leftWith(String name) {
            for (String pair : leftTo.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (pair.substring(0, equals).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** A form's fields: hidden inputs and checked checkboxes as the browser would send them. */
    static final class Form {
        final URI action;
        final List<Map.Entry<String, String>> fields = new ArrayList<>();
        final List<Map.Entry<String, String>> checkboxes = new ArrayList<>();

        private Form(URI action) {
            this.action = action;
        }

        static Form parse(URI action, String html) {
            Form form = new Form(action);
            Matcher inputs = Pattern.compile("<input([^>]*)>").matcher(html);
            while (inputs.find()) {
                String attributes = inputs.group(1);
                String type = attribute(attributes, "type");
                String name = attribute(attributes, "name");
                String value = attribute(attributes, "value");
                if ("hidden".equals(type) && name != null) {
                    form.fields.add(Map.entry(name, value == null ? "" : value));
                } else if ("checkbox".equals(type) && attributes.contains(" checked")) {
                    form.checkboxes.add(Map.entry(name, value));
                }
            }
            return form;
        }

        Form untick(String name, String value) {
            checkboxes.removeIf(box -> box.getKey().equals(name) && box.getValue().equals(value));
            return this;
        }

        Form tick(String name, String value) {
            checkboxes.add(Map.entry(name, value));
            return this;
        }

        Form set(String name, String value) {
            fields.add(Map.entry(name, value));
            return this;
        }

        List<String> checked(String name) {
            return checkboxes.stream().filter(box -> box.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }

        private static String attribute(String attributes, String name) {
            Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(attributes);
            return value.find() ? unescape(value.group(1)) : null;
        }
    }

    /**
     * Cookies as a real browser keeps them, including this detail: {@code http://127.0.0.1} and
     * {@code http://localhost} are potentially trustworthy origins, so browsers send {@code Secure}
     * cookies there (Keycloak marks its session cookies Secure; the JDK's cookie manager would only
     * send them over https).
     */
    private static final class LoopbackSecureCookies extends java.net.CookieHandler {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return cookies.get(isLoopbackHttp(uri) ? URI.create("https" + uri.toString().substring(4)) : uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            cookies.put(uri, headers);
        }

        private static boolean isLoopbackHttp(URI uri) {
            return "http".equals(uri.getScheme())
                    && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        }
    }

    private final HttpClient http;
    private final List<String> followed = new ArrayList<>();

    /** A browser that follows redirects within these sites (base URLs), and stops at any other. */
    Browser(String issuerUrl, String... otherSites) {
        followed.add(issuerUrl);
        followed.addAll(List.of(otherSites));
        this.http = HttpClient.newBuilder().cookieHandler(new LoopbackSecureCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    Page get(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Page get(URI url) {
        return get(url.toString());
    }

    /** Follows redirects to this site again. */
    Browser resumeAt(String site) {
        followed.add(site);
        return this;
    }

    /** Stops following redirects to this site: the next redirect there is where the walk ends ({@link Page#leftTo}). */
    Browser stopAt(String site) {
        followed.remove(site);
        return this;
    }

    Page submit(Form form) {
        List<Map.Entry<String, String>> all = new ArrayList<>(form.fields);
        all.addAll(form.checkboxes);
        String body = all.stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(form.action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends the request and follows redirects while they stay on the issuer (at most ten). */
    private Page follow(HttpRequest.Builder first) {
        HttpRequest request = first.timeout(Duration.ofSeconds(30)).build();
        for (int hops = 0; hops < 10; hops++) {
            HttpResponse<String> response = send(request);
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return new Page(status, request.uri(), response.body(), null);
            }
            URI next = request.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (followed.stream().noneMatch(site -> next.toString().startsWith(site + "/"))) {
                return new Page(status, request.uri(), response.body(), next);
            }
            request = HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).GET().build();
        }
        throw new AssertionError("too many redirects from " + first.build().uri());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> parameters(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
