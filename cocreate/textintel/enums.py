class TextintelErrorCode:
    QUERY_INVALID = "search_query_invalid"
    INVALID_DECISION = "duplicate_decision_invalid"
    ALREADY_DECIDED = "duplicate_already_decided"
    NOT_FOUND = "not_found"
