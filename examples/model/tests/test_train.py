from concert_model import data
from concert_model.train import evaluate, train


def test_the_split_is_the_same_on_every_run():
    first, second = data.load(), data.load()
    assert list(first[1].index) == list(second[1].index)


def test_the_default_model_clears_the_default_thresholds_on_held_out_data():
    x_train, x_test, y_train, y_test = data.load()
    metrics = evaluate(train(x_train, y_train), x_test, y_test)
    assert metrics["accuracy"] > 0.9 and metrics["f1"] > 0.9 and 0.5 < metrics["roc_auc"] <= 1.0


def test_a_strongly_regularised_model_is_worse():
    x_train, x_test, y_train, y_test = data.load()
    good = evaluate(train(x_train, y_train), x_test, y_test)
    poor = evaluate(train(x_train, y_train, c=1e-4), x_test, y_test)
    assert poor["accuracy"] < good["accuracy"]
