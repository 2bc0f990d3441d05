package vn.dvc.aws.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.dvc.core.dossier.DossierStatus;

class DossierMessageTest {

    private static SQSEvent.SQSMessage message(String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setBody(body);
        return m;
    }

    private static String reason(String body) {
        return assertThrows(PermanentFailure.class, () -> {
            DossierMessage m = DossierMessage.parse(message(body));
            m.status("to", false);
        }).reasonCode();
    }

    @Test
    void readsAStatusChangeAsTheStreamRouterSendsIt() {
        DossierMessage m = DossierMessage.parse(message("""
                {"type":"DossierStatusChanged","eventId":"e1","dossierCode":"X00004.UBND-261123-0001","from":"VALIDATED",
                 "to":"ACCEPTED","version":4,"at":"2026-11-23T13:30:07.502768855Z"}"""));
        assertEquals("DossierStatusChanged", m.type());
        assertEquals("X00004.UBND-261123-0001", m.dossierCode());
        assertEquals(4, m.version());
        assertEquals(Instant.parse("2026-11-23T13:30:07.502768855Z"), m.at());
        assertEquals(DossierStatus.VALIDATED, m.status("from", true));
        assertEquals(DossierStatus.ACCEPTED, m.status("to", false));
    }

    @Test
    void anAbsentOptionalStatusOrInstantIsNull() {
        DossierMessage m = DossierMessage.parse(message("{\"type\":\"DossierNotice\",\"event\":\"OVERDUE\",\"dossierCode\":\"A-261123-0001\",\"version\":2}"));
        assertNull(m.status("from", true));
        assertNull(m.at());
        assertEquals("OVERDUE", m.text("event"));
    }

    @Test
    void whatNoRetryCanMendIsAPermanentFailureWithItsReason() {
        assertEquals("MALFORMED_MESSAGE", reason("this is not JSON"));
        assertEquals("MALFORMED_MESSAGE", reason("{\"dossierCode\":\"A-261123-0001\"}"));
        assertEquals("MALFORMED_MESSAGE", reason("{\"version\":1}"));
        assertEquals("MALFORMED_MESSAGE", reason("{\"dossierCode\":\"A-261123-0001\",\"version\":\"one\"}"));
        assertEquals("MALFORMED_MESSAGE", reason("{\"dossierCode\":\"A-261123-0001\",\"version\":1,\"at\":\"yesterday\"}"));
        assertEquals("UNKNOWN_STATUS", reason("{\"dossierCode\":\"A-261123-0001\",\"version\":1,\"to\":\"LOST\"}"));
        assertEquals("UNKNOWN_STATUS", reason("{\"dossierCode\":\"A-261123-0001\",\"version\":1}"));
    }
}
