#ifndef VITALGATE_CMOSQUITTO_SHIM_H
#define VITALGATE_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#include <mqtt_protocol.h>
#endif
