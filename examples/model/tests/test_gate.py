from concert_model.gate import verdict

GOOD = {"accuracy": 0.95, "f1": 0.96}


def test_a_first_model_passes_on_the_thresholds_alone():
    passed, reasons = verdict(GOOD)
    assert passed and reasons[-1] == "no champion yet: the thresholds decide"


def test_a_first_model_below_a_threshold_fails_and_says_which():
    passed, reasons = verdict({"accuracy": 0.85, "f1": 0.95})
    assert not passed and "accuracy 0.8500 is below the threshold 0.9000" in reasons


def test_a_candidate_worse_than_the_champion_fails():
    passed, reasons = verdict(GOOD, {"accuracy": 0.97, "f1": 0.97})
    assert not passed and reasons[-1].startswith("accuracy 0.9500 is below the champion's 0.9700")


def test_an_allowed_regression_lets_a_close_candidate_pass():
    passed, _reasons = verdict(GOOD, {"accuracy": 0.96, "f1": 0.97}, max_regression=0.02)
    assert passed


def test_an_equal_candidate_passes():
    assert verdict(GOOD, dict(GOOD))[0]
