"""email confirmation

Revision ID: df926e38cc7f
Revises: 4c64b300c9ae
Create Date: 2026-11-29 05:01:08.033541

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'df926e38cc7f'
down_revision = '4c64b300c9ae'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True))

    # Accounts made before confirmation existed were already in use: count them as confirmed
    # when they were created, so nobody is locked out by this upgrade.
    user = sa.table('user', sa.column('created_at', sa.DateTime(timezone=True)),
                    sa.column('email_confirmed_at', sa.DateTime(timezone=True)))
    op.execute(user.update().values(email_confirmed_at=user.c.created_at))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')
