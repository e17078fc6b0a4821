using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// Quartz.NET's ADO.NET job store (tables <c>QRTZ_*</c>, the 4.x schema the store validates at start-up) in Selah's own
    /// database, so background jobs commit and survive restarts together with the data they work on.
    /// </summary>
    public partial class MediaJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_JOB_DETAILS (
                    SCHED_NAME TEXT NOT NULL,
                    JOB_NAME TEXT NOT NULL,
                    JOB_GROUP TEXT NOT NULL,
                    DESCRIPTION TEXT NULL,
                    JOB_CLASS_NAME TEXT NOT NULL,
                    IS_DURABLE INTEGER NOT NULL,
                    IS_NONCONCURRENT INTEGER NOT NULL,
                    IS_UPDATE_DATA INTEGER NOT NULL,
                    REQUESTS_RECOVERY INTEGER NOT NULL,
                    JOB_DATA BLOB NULL,
                    PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_TRIGGERS (
                    SCHED_NAME TEXT NOT NULL,
                    TRIGGER_NAME TEXT NOT NULL,
                    TRIGGER_GROUP TEXT NOT NULL,
                    JOB_NAME TEXT NOT NULL,
                    JOB_GROUP TEXT NOT NULL,
                    DESCRIPTION TEXT NULL,
                    NEXT_FIRE_TIME BIGINT NULL,
                    PREV_FIRE_TIME BIGINT NULL,
                    PRIORITY INTEGER NULL,
                    TRIGGER_STATE TEXT NOT NULL,
                    TRIGGER_TYPE TEXT NOT NULL,
                    START_TIME BIGINT NOT NULL,
                    END_TIME BIGINT NULL,
                    CALENDAR_NAME TEXT NULL,
                    MISFIRE_INSTR INTEGER NULL,
                    MISFIRE_ORIG_FIRE_TIME BIGINT NULL,
                    EXECUTION_GROUP TEXT NULL,
                    PREFERRED_NODE TEXT NULL,
                    PREFERRED_NODE_AUTO INTEGER NOT NULL DEFAULT 0,
                    RETRY_POLICY TEXT NULL,
                    RETRY_ATTEMPT INTEGER NULL,
                    CONTINUES_TRIGGER_NAME TEXT NULL,
                    CONTINUES_TRIGGER_GROUP TEXT NULL,
                    CONTINUATION_CONDITION INTEGER NULL,
                    OVERLAP_POLICY INTEGER NULL,
                    PAUSE_REASON TEXT NULL,
                    PAUSED_BY TEXT NULL,
                    PAUSED_AT BIGINT NULL,
                    MISFIRE_THRESHOLD BIGINT NULL,
                    FIXED_DELAY INTEGER NULL,
                    JOB_DATA BLOB NULL,
                    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
                    FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP) REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_SIMPLE_TRIGGERS (
                    SCHED_NAME TEXT NOT NULL,
                    TRIGGER_NAME TEXT NOT NULL,
                    TRIGGER_GROUP TEXT NOT NULL,
                    REPEAT_COUNT BIGINT NOT NULL,
                    REPEAT_INTERVAL BIGINT NOT NULL,
                    TIMES_TRIGGERED BIGINT NOT NULL,
                    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
                    FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_CRON_TRIGGERS (
                    SCHED_NAME TEXT NOT NULL,
                    TRIGGER_NAME TEXT NOT NULL,
                    TRIGGER_GROUP TEXT NOT NULL,
                    CRON_EXPRESSION TEXT NOT NULL,
                    TIME_ZONE_ID TEXT NULL,
                    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
                    FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_SIMPROP_TRIGGERS (
                    SCHED_NAME TEXT NOT NULL,
                    TRIGGER_NAME TEXT NOT NULL,
                    TRIGGER_GROUP TEXT NOT NULL,
                    STR_PROP_1 TEXT NULL,
                    STR_PROP_2 TEXT NULL,
                    STR_PROP_3 TEXT NULL,
                    INT_PROP_1 INTEGER NULL,
                    INT_PROP_2 INTEGER NULL,
                    LONG_PROP_1 BIGINT NULL,
                    LONG_PROP_2 BIGINT NULL,
                    DEC_PROP_1 NUMERIC NULL,
                    DEC_PROP_2 NUMERIC NULL,
                    BOOL_PROP_1 INTEGER NULL,
                    BOOL_PROP_2 INTEGER NULL,
                    TIME_ZONE_ID TEXT NULL,
                    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
                    FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_BLOB_TRIGGERS (
                    SCHED_NAME TEXT NOT NULL,
                    TRIGGER_NAME TEXT NOT NULL,
                    TRIGGER_GROUP TEXT NOT NULL,
                    BLOB_DATA BLOB NULL,
                    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
                    FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_CALENDARS (
                    SCHED_NAME TEXT NOT NULL,
                    CALENDAR_NAME TEXT NOT NULL,
                    CALENDAR BLOB NOT NULL,
                    PRIMARY KEY (SCHED_NAME, CALENDAR_NAME)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_PAUSED_TRIGGER_GRPS (
                    SCHED_NAME TEXT NOT NULL,
                    TRIGGER_GROUP TEXT NOT NULL,
                    PAUSE_REASON TEXT NULL,
                    PAUSED_BY TEXT NULL,
                    PAUSED_AT BIGINT NULL,
                    PRIMARY KEY (SCHED_NAME, TRIGGER_GROUP)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_PAUSED_JOB_GRPS (
                    SCHED_NAME TEXT NOT NULL,
                    JOB_GROUP TEXT NOT NULL,
                    PAUSE_REASON TEXT NULL,
                    PAUSED_BY TEXT NULL,
                    PAUSED_AT BIGINT NULL,
                    PRIMARY KEY (SCHED_NAME, JOB_GROUP)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_FIRED_TRIGGERS (
                    SCHED_NAME TEXT NOT NULL,
                    ENTRY_ID TEXT NOT NULL,
                    TRIGGER_NAME TEXT NOT NULL,
                    TRIGGER_GROUP TEXT NOT NULL,
                    INSTANCE_NAME TEXT NOT NULL,
                    FIRED_TIME BIGINT NOT NULL,
                    SCHED_TIME BIGINT NOT NULL,
                    PRIORITY INTEGER NOT NULL,
                    STATE TEXT NOT NULL,
                    JOB_NAME TEXT NULL,
                    JOB_GROUP TEXT NULL,
                    IS_NONCONCURRENT INTEGER NULL,
                    REQUESTS_RECOVERY INTEGER NULL,
                    EXECUTION_GROUP TEXT NULL,
                    PROGRESS INTEGER NULL,
                    PROGRESS_MESSAGE TEXT NULL,
                    INTERRUPT_REQUESTED_TIME BIGINT NULL,
                    PRIMARY KEY (SCHED_NAME, ENTRY_ID)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_SCHEDULER_STATE (
                    SCHED_NAME TEXT NOT NULL,
                    INSTANCE_NAME TEXT NOT NULL,
                    LAST_CHECKIN_TIME BIGINT NOT NULL,
                    CHECKIN_INTERVAL BIGINT NOT NULL,
                    QUARTZ_VERSION TEXT NULL,
                    PRIMARY KEY (SCHED_NAME, INSTANCE_NAME)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE QRTZ_LOCKS (
                    SCHED_NAME TEXT NOT NULL,
                    LOCK_NAME TEXT NOT NULL,
                    PRIMARY KEY (SCHED_NAME, LOCK_NAME)
                )
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_J_REQ_RECOVERY ON QRTZ_JOB_DETAILS (SCHED_NAME,REQUESTS_RECOVERY)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_T_J ON QRTZ_TRIGGERS (SCHED_NAME,JOB_NAME,JOB_GROUP)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_T_C ON QRTZ_TRIGGERS (SCHED_NAME,CALENDAR_NAME)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_T_STATE ON QRTZ_TRIGGERS (SCHED_NAME,TRIGGER_STATE)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_T_NFT_ST ON QRTZ_TRIGGERS (SCHED_NAME,TRIGGER_STATE,NEXT_FIRE_TIME)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_T_NFT_MISFIRE ON QRTZ_TRIGGERS (SCHED_NAME,MISFIRE_INSTR,NEXT_FIRE_TIME)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_FT_INST_JOB_REQ_RCVRY ON QRTZ_FIRED_TRIGGERS (SCHED_NAME,INSTANCE_NAME,REQUESTS_RECOVERY)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_FT_J_G ON QRTZ_FIRED_TRIGGERS (SCHED_NAME,JOB_NAME,JOB_GROUP)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX IDX_QRTZ_FT_T_G ON QRTZ_FIRED_TRIGGERS (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_LOCKS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_SCHEDULER_STATE");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_FIRED_TRIGGERS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_PAUSED_JOB_GRPS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_PAUSED_TRIGGER_GRPS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_CALENDARS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_BLOB_TRIGGERS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_SIMPROP_TRIGGERS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_CRON_TRIGGERS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_SIMPLE_TRIGGERS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_TRIGGERS");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_JOB_DETAILS");
        }
    }
}
