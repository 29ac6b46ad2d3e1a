"""A query the engine refuses, in a visitor's request: no transaction is open (autocommit), so ``_evaluated`` takes
no savepoint; the refusal is caught and the connection answers the next query (the page goes on: record, footer).
Run outside pytest-django's test transaction, reading only."""

import pytest
from django.db import connection

from sitesearch.search import _evaluated


def refused():
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM table_qui_n_existe_pas")
    raise AssertionError("the statement should have been refused")


def test_a_refused_query_in_autocommit_leaves_the_connection_usable(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        assert connection.get_autocommit() and not connection.in_atomic_block
        assert _evaluated(refused) is None
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
        assert connection.get_autocommit() and not connection.in_atomic_block


@pytest.mark.django_db
def test_inside_a_transaction_a_refused_query_is_undone_to_its_savepoint():
    assert connection.in_atomic_block
    assert _evaluated(refused) is None
    with connection.cursor() as cursor:  # the test's transaction is not broken (PostgreSQL would refuse this)
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
