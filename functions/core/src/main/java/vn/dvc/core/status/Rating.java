package vn.dvc.core.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvc.core.dossier.Actor;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.DossierStore;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.text.LocalizedText;

/**
 * The applicant's satisfaction rating (1–5, optional comment of at most 500 characters), once, after the dossier was
 * settled (COMPLETED or REFUSED). Stored on the dossier ({@code rating}, {@code ratedAt}) in the change's own
 * transaction, so the stream carries it to the satisfaction indicator (Decision 766/QĐ-TTg).
 */
public final class Rating {
    public static final String ATTRIBUTE = "rating";
    public static final int MAX_COMMENT = 500;

    private Rating() {}

    public record Input(int score, String comment) {}

    public static Input parse(JsonNode body) {
        JsonNode score = body.path("score");
        JsonNode comment = body.path("comment");
        List<Map<String, Object>> problems = new java.util.ArrayList<>();
        if (!score.isInt() || score.asInt() < 1 || score.asInt() > 5) {
            problems.add(Map.of("field", "score", "code", "MUST_BE_1_TO_5"));
        }
        String text = null;
        if (!comment.isMissingNode() && !comment.isNull()) {
            if (!comment.isTextual()) {
                problems.add(Map.of("field", "comment", "code", "MUST_BE_STRING"));
            } else if (comment.asText().strip().codePointCount(0, comment.asText().strip().length()) > MAX_COMMENT) {
                problems.add(Map.of("field", "comment", "code", "TOO_LONG"));
            } else {
                text = comment.asText().strip();
                text = text.isEmpty() ? null : text;
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "VALIDATION_FAILED", LocalizedText.of(
                    "Đánh giá phải từ 1 đến 5 sao, góp ý tối đa 500 ký tự.",
                    "The rating must be 1 to 5 and the comment at most 500 characters."), problems);
        }
        return new Input(score.asInt(), text);
    }

    /** The change that records the rating; 409 when the dossier is not settled yet or was already rated. */
    public static DossierStore.Change change(Dossier d, Input input, Actor actor, Instant now) {
        if (d.status() != DossierStatus.COMPLETED && d.status() != DossierStatus.REFUSED) {
            throw ApiException.conflict("NOT_YET_RATABLE", "Chỉ đánh giá được sau khi hồ sơ đã có kết quả hoặc bị từ chối.",
                    "A dossier can be rated only once it is completed or refused.");
        }
        if (d.attributes() != null && d.attributes().get(ATTRIBUTE) != null) {
            throw alreadyRated();
        }
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("score", input.score());
        if (input.comment() != null) {
            rating.put("comment", input.comment());
        }
        rating.put("ratedAt", now.toString());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(ATTRIBUTE, rating);
        attributes.put("ratingScore", (long) input.score());
        attributes.put("ratedAt", now);
        // The comment stays off the audit trail: it is free text and may carry personal details.
        HistoryEvent event = new HistoryEvent(now, actor, "RATED", d.status(), d.status(), null, Map.of("score", input.score()));
        return new DossierStore.Change(d.code(), d.version(), null, attributes, List.of(), event);
    }

    public static ApiException alreadyRated() {
        return ApiException.conflict("ALREADY_RATED", "Hồ sơ này đã được đánh giá.", "This dossier has already been rated.");
    }
}
