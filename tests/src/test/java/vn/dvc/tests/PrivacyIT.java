package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Captures every log line the functions write during a dossier's life (filing, upload, processing, routing,
 * validation, look-ups, refusals) and checks that no personal identification number, phone number, e-mail or full
 * name appears in them, while the logs do carry the dossier code as a correlation key.
 */
@ExtendWith(Suite.class)
class PrivacyIT {
    static final String PID = "001090008888";
    static final String PHONE = "0911222333";
    static final String EMAIL = "nguoi.dan.mau@example.vn";
    static final String NAME = "Lê Thị Bảo Mật";
    // the paid life's applicant must pass the register check: a synthetic citizen of the register (demo/citizens.json)
    static final String PAID_PID = "001091000001";
    static final String PAID_NAME = "Trần Thị Bích Ngọc";

    @Test
    void logsCarryNoPersonalData() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        String code;
        String paidCode;
        try {
            Api api = Suite.api();
            String token = api.citizen(PID);
            Map<String, Object> body = new LinkedHashMap<>(WalkingSkeletonIT.birthFiling());
            body.put("applicant", Map.of("fullName", NAME, "dateOfBirth", "1988-08-08", "phone", PHONE, "email", EMAIL));
            Api.Response filed = api.post("/dossiers", token, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            assertEquals(201, filed.status(), filed.body());
            code = filed.json().path("code").asText();
            // a retry, a conflicting retry, a foreign read and a bad request also log
            api.post("/dossiers", token, body, Map.of("Idempotency-Key", "privacy-retry-key"));
            api.post("/dossiers", token, Map.of("procedureCode", "1.001193", "communeCode", "00004",
                    "applicant", Map.of("fullName", NAME, "phone", PHONE)), Map.of("Idempotency-Key", "privacy-retry-key"));
            api.get("/dossiers/" + code, api.citizen("001090006666"));
            String url = filed.json().path("uploads").get(0).path("url").asText();
            assertEquals(200, api.upload(url, "application/pdf", Files.pdf()));
            Api.await(() -> api.get("/dossiers/" + code, token).json().path("status").asText(),
                    s -> !s.equals("RECEIVED") && !s.equals("VALIDATING"), Duration.ofSeconds(30));
            api.get("/dossiers/" + code + "/history", token);
            // issue 10: a whole paid life too (payment, processing, signed result, completion, notifications)
            FaultsIT.Life paid = new FaultsIT().live(1, PAID_PID, Map.of("fullName", PAID_NAME, "dateOfBirth", "1985-02-28",
                    "phone", PHONE, "email", EMAIL));
            assertEquals(vn.dvc.core.dossier.DossierStatus.COMPLETED, paid.reached(), paid.code() + " " + paid.notes());
            paidCode = paid.code();
            api.get("/dossiers/" + paidCode + "/payments", api.citizen(PAID_PID));
            api.get("/dossiers/" + paidCode + "/history", api.citizen(PAID_PID));
            Thread.sleep(1500); // let the asynchronous steps after the last status change (notifications) log too
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains(code), "the dossier code is the correlation key in the logs");
        assertTrue(logs.contains(paidCode), "the paid dossier's life is in the captured logs");
        for (String step : List.of("AWAITING_PAYMENT", "/payments/callback", "IN_PROGRESS", "RESULT_ISSUED", "COMPLETED")) {
            assertTrue(logs.contains(step), "the captured logs cover the step " + step);
        }
        List<String> secrets = List.of(PID, PAID_PID, PHONE, "+84911222333", "84911222333", EMAIL, NAME, "Bảo Mật", PAID_NAME, "Bích Ngọc",
                java.text.Normalizer.normalize(NAME, java.text.Normalizer.Form.NFD));
        List<String> found = secrets.stream().filter(logs::contains).toList();
        long lines = logs.lines().count();
        Reliability.record("privacy", Map.of("logLines", lines, "leaks", found.size(), "lives", 2));
        assertTrue(found.isEmpty(), "personal data in logs: " + found);
        System.out.println("privacy: " + lines + " log lines captured, no personal data");
    }

    /** Writes to the console and to the capture buffer. */
    static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
