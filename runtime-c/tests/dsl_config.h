/* test dsl_config.h: the rounding rule comes from -DDSL_REQUANT_DOUBLE_ROUNDING on the command line */
#ifndef DSL_CONFIG_H
#define DSL_CONFIG_H
#endif
