using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Postgres
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
                CREATE TABLE qrtz_job_details (
                    sched_name VARCHAR(120) NOT NULL,
                    job_name VARCHAR(150) NOT NULL,
                    job_group VARCHAR(150) NOT NULL,
                    description VARCHAR(250) NULL,
                    job_class_name VARCHAR(250) NOT NULL,
                    is_durable BOOLEAN NOT NULL,
                    is_nonconcurrent BOOLEAN NOT NULL,
                    is_update_data BOOLEAN NOT NULL,
                    requests_recovery BOOLEAN NOT NULL,
                    job_data BYTEA NULL,
                    PRIMARY KEY (sched_name, job_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_triggers (
                    sched_name VARCHAR(120) NOT NULL,
                    trigger_name VARCHAR(150) NOT NULL,
                    trigger_group VARCHAR(150) NOT NULL,
                    job_name VARCHAR(150) NOT NULL,
                    job_group VARCHAR(150) NOT NULL,
                    description VARCHAR(250) NULL,
                    next_fire_time BIGINT NULL,
                    prev_fire_time BIGINT NULL,
                    priority INTEGER NULL,
                    trigger_state VARCHAR(16) NOT NULL,
                    trigger_type VARCHAR(8) NOT NULL,
                    start_time BIGINT NOT NULL,
                    end_time BIGINT NULL,
                    calendar_name VARCHAR(200) NULL,
                    misfire_instr INTEGER NULL,
                    misfire_orig_fire_time BIGINT NULL,
                    execution_group VARCHAR(200) NULL,
                    preferred_node VARCHAR(200) NULL,
                    preferred_node_auto BOOLEAN NOT NULL DEFAULT FALSE,
                    retry_policy VARCHAR(250) NULL,
                    retry_attempt INTEGER NULL,
                    continues_trigger_name VARCHAR(150) NULL,
                    continues_trigger_group VARCHAR(150) NULL,
                    continuation_condition INTEGER NULL,
                    overlap_policy INTEGER NULL,
                    pause_reason VARCHAR(250) NULL,
                    paused_by VARCHAR(200) NULL,
                    paused_at BIGINT NULL,
                    misfire_threshold BIGINT NULL,
                    fixed_delay BOOLEAN NULL,
                    job_data BYTEA NULL,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_simple_triggers (
                    sched_name VARCHAR(120) NOT NULL,
                    trigger_name VARCHAR(150) NOT NULL,
                    trigger_group VARCHAR(150) NOT NULL,
                    repeat_count BIGINT NOT NULL,
                    repeat_interval BIGINT NOT NULL,
                    times_triggered BIGINT NOT NULL,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_cron_triggers (
                    sched_name VARCHAR(120) NOT NULL,
                    trigger_name VARCHAR(150) NOT NULL,
                    trigger_group VARCHAR(150) NOT NULL,
                    cron_expression VARCHAR(250) NOT NULL,
                    time_zone_id VARCHAR(80) NULL,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_simprop_triggers (
                    sched_name VARCHAR(120) NOT NULL,
                    trigger_name VARCHAR(150) NOT NULL,
                    trigger_group VARCHAR(150) NOT NULL,
                    str_prop_1 VARCHAR(512) NULL,
                    str_prop_2 VARCHAR(512) NULL,
                    str_prop_3 VARCHAR(512) NULL,
                    int_prop_1 INTEGER NULL,
                    int_prop_2 INTEGER NULL,
                    long_prop_1 BIGINT NULL,
                    long_prop_2 BIGINT NULL,
                    dec_prop_1 NUMERIC NULL,
                    dec_prop_2 NUMERIC NULL,
                    bool_prop_1 BOOLEAN NULL,
                    bool_prop_2 BOOLEAN NULL,
                    time_zone_id VARCHAR(80) NULL,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_blob_triggers (
                    sched_name VARCHAR(120) NOT NULL,
                    trigger_name VARCHAR(150) NOT NULL,
                    trigger_group VARCHAR(150) NOT NULL,
                    blob_data BYTEA NULL,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_calendars (
                    sched_name VARCHAR(120) NOT NULL,
                    calendar_name VARCHAR(200) NOT NULL,
                    calendar BYTEA NOT NULL,
                    PRIMARY KEY (sched_name, calendar_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_paused_trigger_grps (
                    sched_name VARCHAR(120) NOT NULL,
                    trigger_group VARCHAR(150) NOT NULL,
                    pause_reason VARCHAR(250) NULL,
                    paused_by VARCHAR(200) NULL,
                    paused_at BIGINT NULL,
                    PRIMARY KEY (sched_name, trigger_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_paused_job_grps (
                    sched_name VARCHAR(120) NOT NULL,
                    job_group VARCHAR(150) NOT NULL,
                    pause_reason VARCHAR(250) NULL,
                    paused_by VARCHAR(200) NULL,
                    paused_at BIGINT NULL,
                    PRIMARY KEY (sched_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_fired_triggers (
                    sched_name VARCHAR(120) NOT NULL,
                    entry_id VARCHAR(140) NOT NULL,
                    trigger_name VARCHAR(150) NOT NULL,
                    trigger_group VARCHAR(150) NOT NULL,
                    instance_name VARCHAR(200) NOT NULL,
                    fired_time BIGINT NOT NULL,
                    sched_time BIGINT NOT NULL,
                    priority INTEGER NOT NULL,
                    state VARCHAR(16) NOT NULL,
                    job_name VARCHAR(150) NULL,
                    job_group VARCHAR(150) NULL,
                    is_nonconcurrent BOOLEAN NULL,
                    requests_recovery BOOLEAN NULL,
                    execution_group VARCHAR(200) NULL,
                    progress INTEGER NULL,
                    progress_message VARCHAR(250) NULL,
                    interrupt_requested_time BIGINT NULL,
                    PRIMARY KEY (sched_name, entry_id)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_scheduler_state (
                    sched_name VARCHAR(120) NOT NULL,
                    instance_name VARCHAR(200) NOT NULL,
                    last_checkin_time BIGINT NOT NULL,
                    checkin_interval BIGINT NOT NULL,
                    quartz_version VARCHAR(20) NULL,
                    PRIMARY KEY (sched_name, instance_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_locks (
                    sched_name VARCHAR(120) NOT NULL,
                    lock_name VARCHAR(40) NOT NULL,
                    PRIMARY KEY (sched_name, lock_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_j_req_recovery ON qrtz_job_details (sched_name,requests_recovery)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_t_j ON qrtz_triggers (sched_name,job_name,job_group)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_t_c ON qrtz_triggers (sched_name,calendar_name)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_t_state ON qrtz_triggers (sched_name,trigger_state)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name,trigger_state,next_fire_time)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_t_nft_misfire ON qrtz_triggers (sched_name,misfire_instr,next_fire_time)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name,instance_name,requests_recovery)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name,job_name,job_group)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name,trigger_name,trigger_group)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_locks");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_scheduler_state");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_fired_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_paused_job_grps");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_paused_trigger_grps");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_calendars");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_blob_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_simprop_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_cron_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_simple_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_job_details");
        }
    }
}
