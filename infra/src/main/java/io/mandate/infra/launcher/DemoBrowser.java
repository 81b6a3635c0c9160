package io.mandate.infra.launcher;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A demo user's browser, as far as the token-issuer's pages need one: its session cookie kept,
 * redirects followed while they stay on the issuer, forms read from the HTML with their hidden fields
 * (the CSRF token among them) and checked boxes, and submitted. A redirect anywhere else (the agent's
 * redirect URI) ends the walk: nothing needs to listen there, the address is the answer.
 */
final class DemoBrowser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ALERT = Pattern.compile("role=\"alert\">([^<]*)<");

    /** A page of the issuer, or the address outside it the issuer sent the browser to ({@code leftTo}). */
    record Page(int status, URI uri, String body, URI leftTo) {

        Optional<Form> form(String action) {
            Matcher forms = FORM.matcher(body);
            while (forms.find()) {
                if (unescape(forms.group(1)).equals(action)) {
                    return Optional.of(Form.parse(uri.resolve(unescape(forms.group(1))), forms.group(2)));
                }
            }
            return Optional.empty();
        }

        /** The page's alert message (a failed sign-in, a refused request), or a short excerpt of it. */
        String alert() {
            Matcher alert = ALERT.matcher(body);
            return alert.find() ? unescape(alert.group(1))
                    : "HTTP " + status + " at " + uri.getPath();
        }

        /** A query parameter of the address the issuer sent the browser to, outside the issuer. */
        Optional<String> leftWith(String name) {
            if (leftTo == null || leftTo.getRawQuery() == null) {
                return Optional.empty();
            }
            for (String pair : leftTo.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equals(name)) {
                    return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        }
    }

    /** A form's fields as a browser would send them: hidden inputs, checked boxes, and what is set on it. */
    static final class Form {
        private final URI action;
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();
        private final List<Map.Entry<String, String>> checked = new ArrayList<>();

        private Form(URI action) {
            this.action = action;
        }

        static Form parse(URI action, String html) {
            Form form = new Form(action);
            Matcher inputs = INPUT.matcher(html);
            while (inputs.find()) {
                String attributes = inputs.group(1);
                String type = attribute(attributes, "type");
                if ("hidden".equals(type)) {
                    form.fields.add(Map.entry(attribute(attributes, "name"), attribute(attributes, "value")));
                } else if ("checkbox".equals(type) && attributes.contains(" checked")) {
                    form.checked.add(Map.entry(attribute(attributes, "name"), attribute(attributes, "value")));
                }
            }
            return form;
        }

        List<String> checked(String name) {
            return checked.stream().filter(box -> box.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }

        Form untick(String name, String value) {
            checked.removeIf(box -> box.getKey().equals(name) && box.getValue().equals(value));
            return this;
        }

        Form tick(String name, String value) {
            untick(name, value);
            checked.add(Map.entry(name, value));
            return this;
        }

        Form set(String name, String value) {
            fields.add(Map.entry(name, value));
            return this;
        }

        private String encoded() {
            List<Map.Entry<String, String>> all = new ArrayList<>(fields);
            all.addAll(checked);
            return all.stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
        }

        private static String attribute(String attributes, String name) {
            Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(attributes);
            return value.find() ? unescape(value.group(1)) : "";
        }
    }

    private final String issuerUrl;
    private final HttpClient http;

    DemoBrowser(String issuerUrl) {
        this.issuerUrl = issuerUrl;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    Page get(String url) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Page submit(Form form) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(form.action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.encoded())));
    }

    /** Sends the request and follows redirects while they stay on the issuer (at most ten). */
    private Page follow(HttpRequest.Builder first) throws IOException, InterruptedException {
        // The consent waits (up to 10 s) for the issuer's projection to hold the new grant.
        HttpRequest request = first.timeout(Duration.ofSeconds(30)).build();
        for (int hops = 0; hops < 10; hops++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status < 300 || status >= 400 || location.isEmpty()) {
                return new Page(status, request.uri(), response.body(), null);
            }
            URI next = request.uri().resolve(location.get());
            if (!next.toString().startsWith(issuerUrl + "/")) {
                return new Page(status, request.uri(), response.body(), next);
            }
            request = HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).GET().build();
        }
        throw new IOException("more than ten redirects from " + first.build().uri().getPath());
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
