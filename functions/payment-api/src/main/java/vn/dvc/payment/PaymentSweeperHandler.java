package vn.dvc.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import vn.dvc.aws.clients.DynamoClients;
import vn.dvc.aws.config.Env;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.payment.DynamoOpenPayments;
import vn.dvc.core.dossier.ApplicantKeys;
import vn.dvc.core.payment.OpenPayments;
import vn.dvc.core.payment.PaymentService;

/**
 * payment-sweeper (EventBridge schedule): expires open payment requests past their expiry, found through the sparse
 * open-payment index. Each dossier is its own conditional write, so a failed or repeated sweep is harmless; a PAID
 * callback arriving after expiry is still honoured by {@link PaymentService}.
 */
public class PaymentSweeperHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentSweeperHandler.class);
    private static final int BATCH = 500;
    private final PaymentService payments;
    private final OpenPayments open;
    private final Clock clock;

    public PaymentSweeperHandler() {
        this(new PaymentService(new DynamoDossierStore(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")),
                        new ApplicantKeys(Env.require("APPLICANT_KEY_SECRET")), Clock.systemUTC(),
                        Duration.ofMinutes(Env.getLong("PAYMENT_VALIDITY_MINUTES", 15))),
                new DynamoOpenPayments(DynamoClients.dynamo(), Env.require("DOSSIER_TABLE")), Clock.systemUTC());
    }

    public PaymentSweeperHandler(PaymentService payments, OpenPayments open, Clock clock) {
        this.payments = payments;
        this.open = open;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> sweep());
    }

    private Map<String, Object> sweep() {
        List<String> codes = open.dossiersWithOpenPaymentsExpiredBefore(clock.instant(), BATCH);
        int expired = 0;
        int failed = 0;
        for (String code : codes) {
            try {
                expired += payments.expire(code);
            } catch (RuntimeException e) {
                failed++; // the next sweep tries again
                LOG.warn("dossier {} not swept: {}", code, e.toString());
            }
        }
        LOG.info("payment sweep: {} dossiers, {} requests expired, {} failed", codes.size(), expired, failed);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dossiers", codes.size());
        result.put("expired", expired);
        result.put("failed", failed);
        return result;
    }
}
